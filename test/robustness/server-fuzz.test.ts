// The language server under fuzzed editing: a real server process (`server.ts --stdio`) gets
// bursts of incremental edits made by the mutation fuzzer's operators, keystroke-sized typing,
// code action and fix-all requests, watched-file events, closes and re-opens, and settings of
// the wrong types. After every round it must answer a request within a budget; at the end it
// must still lint (publish for the current version), have logged no failed handler and no
// internal rule error, and its memory must not have climbed without bound.
//
// CI runs ROUNDS rounds from a fixed seed; TOBS_FUZZ=full runs FULL_ROUNDS (TOBS_FUZZ_ROUNDS
// overrides both).

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FileChangeType, type Diagnostic, type Range } from 'vscode-languageserver/node';
import { Cleanup } from '../support/cleanup';
import { LspTestClient } from '../support/lsp-client';
import { EXAMPLE_DIR, REPO_ROOT } from '../support/paths';
import { corpusIsAvailable } from './support/corpus';
import { MUTATIONS } from './support/mutations';
import { caseRng, envInteger, fuzzSeed, type Rng } from './support/random';
import { corpusSeeds } from './support/seeds';
import type { Language } from '../../server/src/engine/index';

const ROUNDS = 60;
const FULL_ROUNDS = 3000;
/** A request the server does not answer within this long counts as a hang (a generous bound). */
const ANSWER_BUDGET_MS = 30_000;
/**
 * The server runs with its heap capped: left alone, V8 lets garbage from megabyte documents pile
 * up to gigabytes before it collects, which says nothing about what the server keeps. Under the
 * cap a leak ends in an out-of-memory exit, and the resident memory, sampled after every round,
 * must stay under the budget.
 */
const HEAP_LIMIT_MB = 700;
const RSS_BUDGET_MB = 1000;
const SERVER_SOURCE = path.join(REPO_ROOT, 'server/src/server.ts');

const DOCUMENTS: { name: string; language: Language; languageId: string }[] = [
  { name: 'Dockerfile', language: 'dockerfile', languageId: 'dockerfile' },
  { name: 'docker-compose.yml', language: 'compose', languageId: 'dockercompose' },
  { name: 'run-tobs.sh', language: 'shell', languageId: 'shellscript' },
];

function withTimeout<T>(what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout;
  const alarm = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer to ${what} within ${ANSWER_BUDGET_MS} ms`)), ANSWER_BUDGET_MS)));
  return Promise.race([promise, alarm]).finally(() => clearTimeout(timer));
}

/** Resident memory of a process, from /proc (Linux); undefined elsewhere. */
function rssMb(pid: number | undefined): number | undefined {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
  } catch {
    return undefined;
  }
}

/** The single range edit that turns `before` into `after`. */
function diffEdit(before: string, after: string): { range: Range; newText: string } {
  const positionAt = (offset: number) => {
    const lines = before.slice(0, offset).split(/\r\n|\r|\n/);
    return { line: lines.length - 1, character: lines[lines.length - 1].length };
  };
  let head = 0;
  while (head < before.length && head < after.length && before[head] === after[head]) head++;
  // Never split a CRLF or a surrogate pair: the server's document would see half of it.
  while (head > 0 && (before[head - 1] === '\r' || /[\ud800-\udbff]/.test(before[head - 1]))) head--;
  let tail = 0;
  while (tail < before.length - head && tail < after.length - head && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail++;
  while (tail > 0 && (before[before.length - tail] === '\n' || /[\udc00-\udfff]/.test(before[before.length - tail]))) tail--;
  return { range: { start: positionAt(head), end: positionAt(before.length - tail) }, newText: after.slice(head, after.length - tail) };
}

/** Writes the documents to a fresh folder (kept, for replaying a failure) and returns its path. */
function keepDocuments(documents: Map<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tobs-server-fuzz-failure-'));
  for (const [uri, text] of documents) fs.writeFileSync(path.join(dir, path.basename(uri)), text);
  return dir;
}

function randomSettings(rng: Rng): unknown {
  return rng.pick([
    {},
    { rules: { 'compose/hardcoded-gid': 'off', 'nonsense/rule': 'error' } },
    { rules: 'all of them' },
    { maxFiles: -1, validateDockerfileSyntax: 'sometimes' },
    { options: { uvVersion: 42, resources: null, healthcheck: { command: 'not an array' } } },
    null,
    [1, 2, 3],
    { host: { renderGid: '$(touch /tmp/tobs-pwned)', engine: 'rm -rf' } },
  ]);
}

describe('language server under fuzzed editing', function () {
  this.timeout(0);
  const cleanup = new Cleanup();
  after(() => cleanup.run());

  before(function () {
    if (!corpusIsAvailable()) this.skip();
  });

  it('keeps answering, keeps linting, logs no failure, and stays within its memory', async () => {
    const seed = fuzzSeed();
    const rounds = envInteger('TOBS_FUZZ_ROUNDS', process.env.TOBS_FUZZ === 'full' ? FULL_ROUNDS : ROUNDS);
    const corpus = corpusSeeds();
    const ws = cleanup.tempDir('server-fuzz');
    for (const name of fs.readdirSync(EXAMPLE_DIR)) fs.copyFileSync(path.join(EXAMPLE_DIR, name), path.join(ws, name));
    const original = new Map(DOCUMENTS.map((d) => [d.name, fs.readFileSync(path.join(ws, d.name), 'utf8')]));
    const uriOf = (name: string) => `file://${path.join(ws, name)}`;

    const client = LspTestClient.spawn(process.execPath, [`--max-old-space-size=${HEAP_LIMIT_MB}`, '--import', 'tsx', SERVER_SOURCE, '--stdio']);
    cleanup.add('stop the server', () => client.dispose());
    let exited: string | undefined;
    client.child!.on('exit', (code, signal) => (exited = `exited with ${code ?? signal}`));
    await withTimeout('initialize', client.initialize({ folders: [uriOf('')] }));
    for (const d of DOCUMENTS) await client.open(uriOf(d.name), d.languageId, original.get(d.name)!);
    await withTimeout('the first publish', client.currentDiagnostics(uriOf('Dockerfile')));
    const rss: number[] = [];
    const actions = new Map<string, number>();

    for (let round = 0; round < rounds && !exited; round++) {
      const rng = caseRng(seed, round);
      const doc = rng.pick(DOCUMENTS);
      const uri = uriOf(doc.name);
      const action = rng.pick(['edits', 'edits', 'edits', 'typing', 'code actions', 'fix all', 'watched files', 'reopen', 'settings', 'corpus text'] as const);
      actions.set(action, (actions.get(action) ?? 0) + 1);
      if (client.text(uri) === undefined) await client.open(uri, doc.languageId, original.get(doc.name)!);
      const text = client.text(uri)!;
      const lines = text.split('\n');
      switch (action) {
        case 'edits':
          for (let n = 1 + rng.int(5); n > 0; n--) {
            const current = client.text(uri)!;
            const next = rng.pick(MUTATIONS).apply(current, rng, doc.language).slice(0, 2 * 1024 * 1024);
            await client.edit(uri, [diffEdit(current, next)]);
          }
          break;
        case 'typing': {
          // Keystrokes sent back to back, as fast as a user types, without waiting for diagnostics.
          const line = rng.int(lines.length);
          for (const ch of rng.pick(['RUN uv sync\n', '    group_add: ["109"]\n', 'podman run -u 0 -v $PWD:/x tobs\n', '"\'`$(<<EOF\\'])) {
            const at = { line, character: 0 };
            await client.edit(uri, [{ range: { start: at, end: at }, newText: ch }]);
          }
          break;
        }
        case 'code actions': {
          const diagnostics: Diagnostic[] = client.published.get(decodeURIComponent(uri))?.diagnostics ?? [];
          const start = { line: rng.int(lines.length + 2), character: rng.int(40) };
          const range = rng.chance(0.5) ? { start, end: start } : { start: { line: 0, character: 0 }, end: { line: lines.length + 5, character: 0 } };
          await withTimeout('codeAction', client.codeActions(uri, range, rng.chance(0.8) ? diagnostics : [], rng.pick([undefined, ['quickfix'], ['source.fixAll'], ['source.fixAll.tobs'], ['nonsense']])));
          break;
        }
        case 'fix all':
          await withTimeout('fix all', client.executeCommand('tobs.server.fixAllInWorkspace'));
          break;
        case 'watched files':
          await client.changeWatchedFiles([
            { uri: uriOf(rng.pick(['Dockerfile', 'compose.yaml', 'new/run.sh', 'pyproject.toml', 'uv.lock', '.tobs-lint.yaml', 'no/such/file'])), type: rng.pick([FileChangeType.Created, FileChangeType.Changed, FileChangeType.Deleted]) },
            { uri: rng.pick(['untitled:Untitled-1', 'file:///', 'file:///%00', 'vscode-remote://x/y']), type: FileChangeType.Changed },
          ]);
          break;
        case 'reopen':
          await client.close(uri);
          if (rng.chance(0.7)) await client.open(uri, doc.languageId, rng.chance(0.5) ? original.get(doc.name)! : text);
          break;
        case 'settings':
          await client.changeSettings(randomSettings(rng));
          break;
        case 'corpus text': {
          const source = rng.pick(corpus).files[0];
          await client.replaceText(uri, source.text);
          break;
        }
      }
      await withTimeout(`a request after round ${round} (${action})`, client.roundTrip()).catch((e: Error) => {
        throw new Error(`${e.message}; the open documents are in ${keepDocuments(client.openDocuments())}`);
      });
      const now = rssMb(client.child!.pid);
      if (now !== undefined) rss.push(now);
    }

    assert.equal(exited, undefined, `the server ${exited}`);
    // Back to the original texts and settings: the server must lint them, for their current versions.
    await client.changeSettings({});
    for (const d of DOCUMENTS) {
      const uri = uriOf(d.name);
      if (client.text(uri) === undefined) await client.open(uri, d.languageId, original.get(d.name)!);
      else await client.replaceText(uri, original.get(d.name)!);
    }
    for (const d of DOCUMENTS) {
      const diagnostics = await withTimeout(`diagnostics of ${d.name} after the fuzzing`, client.currentDiagnostics(uriOf(d.name)));
      assert.ok(diagnostics.length > 0, `${d.name}: the tobs example has findings`);
    }
    const failures = client.messages.filter((m) => /failed:|internal error|uncaught|unhandled/i.test(m));
    const internalErrors = client.publishes.flatMap((p) => p.diagnostics.filter((d) => /internal error in rule/.test(String(d.message))).map((d) => `${p.uri}: ${d.message}`));
    assert.deepEqual([...failures, ...internalErrors].slice(0, 20), [], `seed ${seed}; actions ${JSON.stringify(Object.fromEntries(actions))}`);
    const peak = Math.max(0, ...rss);
    const tenth = (i: number) => Math.round(Math.max(0, ...rss.slice(Math.floor((i * rss.length) / 10), Math.floor(((i + 1) * rss.length) / 10))));
    const trajectory = `peak RSS per tenth of the run: ${Array.from({ length: 10 }, (_, i) => tenth(i)).join(' / ')} MB`;
    assert.ok(peak < RSS_BUDGET_MB, `server memory reached ${Math.round(peak)} MB; ${trajectory}`);
    process.stderr.write(`      server fuzz: ${rounds} rounds (${[...actions].map(([a, n]) => `${a} ${n}`).join(', ')}), ${trajectory}\n`);
    await client.shutdown();
  });
});
