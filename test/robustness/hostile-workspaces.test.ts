// Hostile and odd workspaces: what the walker, the engine and the CLI do with symlink loops,
// unreadable entries, FIFOs, 50,000-file folders, node_modules trees, files that change while
// being read, huge files, non-UTF-8 text and compose files of every odd shape. Each gets a clear
// message or is skipped; nothing throws, hangs, or makes memory grow with the workspace's junk.
//
// TOBS_HOSTILE=full adds a CLI run over 50,000 lintable files (about a minute).

import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { main } from '../../server/src/cli/main';
import { defaultConfig, Linter, MAX_FILE_SIZE, Snapshot } from '../../server/src/engine/index';
import { walkWorkspace } from '../../server/src/host/workspace-files';
import { Cleanup } from '../support/cleanup';
import { REPO_ROOT } from '../support/paths';
import { checkEngine } from './support/engine-check';

const CLI_SOURCE = path.join(REPO_ROOT, 'server/src/cli/main.ts');
const MAX_RSS_REPORTER = path.join(__dirname, 'support/report-max-rss.cjs');
const CHURN = path.join(__dirname, 'support/churn-files.cjs');
/** The uid that the unreadable-file test runs the CLI as when the suite runs as root. */
const NOBODY = 65534;
/** Generous bounds against hangs and runaway memory; a laptop needs a small fraction of them. */
const WALK_BUDGET_MS = 60_000;
const CLI_RSS_BUDGET_MB = 400;
/** 50,000 parsed files stay in memory at once (cross-file rules need them all). */
const FULL_CLI_RSS_BUDGET_MB = 4000;

const LINTABLE_DOCKERFILE = 'FROM python:3.12\nRUN pip install uv\nCMD ["python"]\n';

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  maxRssMb: number;
}

function write(root: string, rel: string, content: string | Buffer): string {
  const full = path.join(root, rel);
  fs.mkdirSync(path.dirname(full), { recursive: true });
  fs.writeFileSync(full, content);
  return full;
}

function runCli(...argv: string[]): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const code = main(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), colour: false });
  return { code, stdout, stderr };
}

/** The CLI in a process of its own (for its peak memory, or to run it as another user). */
function runCliProcess(argv: string[], options: { uid?: number } = {}): CliRun {
  const ids = options.uid === undefined ? {} : { uid: options.uid, gid: options.uid };
  const r = spawnSync(process.execPath, ['--require', MAX_RSS_REPORTER, '--import', 'tsx', CLI_SOURCE, ...argv], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 300_000, maxBuffer: 64 * 1024 * 1024, ...ids });
  const rss = /MAX_RSS_KB (\d+)/.exec(r.stderr);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, maxRssMb: rss ? Number(rss[1]) / 1024 : NaN };
}

/** A measured figure, printed beside the test results (docs/reliability.md quotes them). */
function report(line: string): void {
  process.stderr.write(`      ${line}\n`);
}

function findingsOf(stdout: string): { file: string; rule: string }[] {
  return (JSON.parse(stdout) as { findings: { file: string; rule: string }[] }).findings;
}

describe('hostile and odd workspaces', function () {
  this.timeout(300_000);
  const cleanup = new Cleanup();
  after(() => cleanup.run());

  it('follows no symlink: loops, links out of the workspace and dangling links are skipped', () => {
    const ws = cleanup.tempDir('links');
    write(ws, 'Dockerfile', LINTABLE_DOCKERFILE);
    fs.symlinkSync('.', path.join(ws, 'loop'));
    fs.symlinkSync('..', path.join(ws, 'up'));
    fs.mkdirSync(path.join(ws, 'a/b'), { recursive: true });
    fs.symlinkSync('../..', path.join(ws, 'a/b/back'));
    fs.symlinkSync('/etc', path.join(ws, 'etc'));
    fs.symlinkSync('/etc/passwd', path.join(ws, 'compose.yaml'));
    fs.symlinkSync('/nonexistent/run.sh', path.join(ws, 'run.sh'));
    const walk = walkWorkspace(ws);
    assert.deepEqual(walk.files.map((f) => path.basename(new URL(f.uri).pathname)), ['Dockerfile']);
    assert.deepEqual(walk.problems, []);
    const r = runCli('--format', 'json', ws);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(findingsOf(r.stdout).every((f) => f.file.endsWith('Dockerfile')));
  });

  it('reports unreadable files and folders by name and lints the rest', function () {
    const ws = cleanup.tempDir('unreadable');
    fs.chmodSync(ws, 0o755);
    write(ws, 'Dockerfile', LINTABLE_DOCKERFILE);
    const secret = write(ws, 'secret/Dockerfile', LINTABLE_DOCKERFILE);
    const locked = write(ws, 'locked/compose.yaml', 'services: {}\n');
    fs.chmodSync(secret, 0o000);
    fs.chmodSync(path.dirname(secret), 0o755);
    fs.chmodSync(path.dirname(locked), 0o000);
    fs.chmodSync(path.join(ws, 'Dockerfile'), 0o644);
    // root reads everything: run the CLI as nobody then.
    const r = runCliProcess(['--format', 'json', ws], process.getuid?.() === 0 ? { uid: NOBODY } : {});
    assert.ok(r.code === 0 || r.code === 1, `exit code ${r.code}: ${r.stderr}`);
    assert.match(r.stderr, /secret\/Dockerfile: cannot read file: EACCES/);
    assert.match(r.stderr, /locked: cannot read folder: EACCES/);
    assert.deepEqual([...new Set(findingsOf(r.stdout).map((f) => path.relative(ws, f.file)))], ['Dockerfile']);
  });

  it('does not block on FIFOs named like the files it reads', function () {
    const ws = cleanup.tempDir('fifo');
    write(ws, 'Dockerfile', LINTABLE_DOCKERFILE);
    for (const name of ['sub/Dockerfile', 'compose.yaml', 'start', '.dockerfunc', 'run.sh']) {
      fs.mkdirSync(path.dirname(path.join(ws, name)), { recursive: true });
      if (spawnSync('mkfifo', [path.join(ws, name)]).status !== 0) return this.skip();
    }
    // A blocked read would hang this very process; the suite's timeout is the alarm.
    const walk = walkWorkspace(ws);
    assert.deepEqual(walk.files.map((f) => path.basename(new URL(f.uri).pathname)), ['Dockerfile']);
  });

  it('walks a folder of 50,000 files in bounded time and memory, and finds the one that matters', () => {
    const ws = cleanup.tempDir('many');
    const junk = path.join(ws, 'junk');
    fs.mkdirSync(junk);
    for (let i = 0; i < 50_000; i++) fs.writeFileSync(path.join(junk, `f${i}${i % 2 ? '.txt' : ''}`), i % 2 ? 'x' : '#!/usr/bin/python3\n');
    write(ws, 'deep/er/Dockerfile', LINTABLE_DOCKERFILE);
    const started = Date.now();
    const walk = walkWorkspace(ws);
    const walkMs = Date.now() - started;
    assert.ok(walkMs < WALK_BUDGET_MS, `walk took ${walkMs} ms`);
    assert.deepEqual(walk.files.map((f) => f.uri.slice(-'deep/er/Dockerfile'.length)), ['deep/er/Dockerfile']);
    const r = runCliProcess(['--format', 'json', ws]);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(r.maxRssMb < CLI_RSS_BUDGET_MB, `peak RSS ${Math.round(r.maxRssMb)} MB`);
    report(`50,000 files: walked in ${walkMs} ms, CLI peak RSS ${Math.round(r.maxRssMb)} MB`);
  });

  it('stops at the file limit and flags the walk as truncated (the CLI and the server say so)', () => {
    const ws = cleanup.tempDir('limit');
    for (let i = 0; i < 150; i++) write(ws, `d${i}/Dockerfile`, LINTABLE_DOCKERFILE);
    const walk = walkWorkspace(ws, 100);
    assert.equal(walk.files.length, 100);
    assert.equal(walk.truncated, true);
  });

  // On demand only (minutes of disk churn): not a skip in the default run, just absent.
  if (process.env.TOBS_HOSTILE === 'full') it('lints 50,000 lintable files, says where it stopped, within bounded memory (TOBS_HOSTILE=full)', () => {
    const ws = cleanup.tempDir('many-lintable');
    // One more than the walker reads: the CLI must say it stopped.
    for (let i = 0; i <= 50_000; i++) write(ws, `d${Math.floor(i / 1000)}/s${i}/${i % 2 ? 'Dockerfile' : 'compose.yaml'}`, i % 2 ? LINTABLE_DOCKERFILE : 'services:\n  app:\n    image: x\n');
    const started = Date.now();
    const r = runCliProcess(['--format', 'json', ws]);
    assert.ok(r.code === 0 || r.code === 1, `exit code ${r.code}: ${r.stderr.slice(0, 500)}`);
    assert.match(r.stderr, /too many files; only the first 50000 were read/);
    assert.ok(r.maxRssMb < FULL_CLI_RSS_BUDGET_MB, `peak RSS ${Math.round(r.maxRssMb)} MB`);
    report(`50,000 lintable files: CLI in ${Date.now() - started} ms, peak RSS ${Math.round(r.maxRssMb)} MB`);
  });

  it('skips huge files without reading them: memory does not grow with their number', () => {
    const ws = cleanup.tempDir('huge');
    write(ws, 'Dockerfile', LINTABLE_DOCKERFILE);
    // Sparse files: no disk space used, 2 GB of apparent content (shell installers look like this).
    for (let i = 0; i < 100; i++) fs.truncateSync(write(ws, `installers/setup-${i}.sh`, ''), 20 * 1024 * 1024);
    fs.truncateSync(write(ws, 'Containerfile', ''), 3 * 1024 * 1024 * 1024);
    const r = runCliProcess(['--format', 'json', ws]);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(r.stderr.includes(`Containerfile: cannot read file: larger than ${MAX_FILE_SIZE}; not linted`), r.stderr.slice(0, 500));
    assert.equal((r.stderr.match(/setup-\d+\.sh: cannot read file: larger than/g) ?? []).length, 100);
    assert.ok(r.maxRssMb < CLI_RSS_BUDGET_MB, `peak RSS ${Math.round(r.maxRssMb)} MB`);
    report(`101 huge files (2 GB and 3 GB apparent): CLI peak RSS ${Math.round(r.maxRssMb)} MB`);
  });

  it('skips node_modules, .git, .venv and __pycache__ trees', () => {
    const ws = cleanup.tempDir('skipped');
    for (const dir of ['node_modules/pkg', 'node_modules/.pnpm/x/node_modules/y', '.git/hooks', '.venv/lib', 'src/__pycache__']) write(ws, `${dir}/Dockerfile`, LINTABLE_DOCKERFILE);
    write(ws, 'app/Dockerfile', LINTABLE_DOCKERFILE);
    const r = runCli('--format', 'json', ws);
    assert.deepEqual([...new Set(findingsOf(r.stdout).map((f) => path.relative(ws, f.file)))], ['app/Dockerfile']);
  });

  it('lints dotfile scripts that start with a shebang (.dockerfunc), as the engine classifies them', () => {
    const ws = cleanup.tempDir('dotfile');
    write(ws, '.dockerfunc', '#!/bin/bash\ndocker run -u 0 -v $PWD:/x alpine\n');
    const r = runCli('--format', 'json', ws);
    assert.ok(findingsOf(r.stdout).some((f) => f.file.endsWith('.dockerfunc')), r.stdout);
  });

  it('survives files that are rewritten, truncated, deleted and replaced by folders and links while it reads them', async () => {
    const ws = cleanup.tempDir('churn');
    fs.mkdirSync(path.join(ws, 'sub'));
    const churn = spawn(process.execPath, [CHURN, ws], { stdio: 'ignore' });
    cleanup.add('stop the file churner', () => void churn.kill('SIGKILL'));
    const linter = new Linter();
    let walks = 0;
    let filesSeen = 0;
    for (const deadline = Date.now() + 5000; Date.now() < deadline; walks++) {
      const walk = walkWorkspace(ws);
      filesSeen += walk.files.length;
      linter.lint(new Snapshot(walk.files), defaultConfig());
      // Let the churner's writes interleave with the next walk.
      await new Promise((resolve) => setImmediate(resolve));
    }
    churn.kill('SIGKILL');
    assert.ok(walks > 10 && filesSeen > 0, `${walks} walks saw ${filesSeen} files`);
    report(`files changing under the walker: ${walks} walks and lints, ${filesSeen} files read`);
  });

  describe('text that is not UTF-8', () => {
    const samples: [string, Buffer][] = [
      ['Latin-1', Buffer.from('FROM python:3.12\nLABEL author="Ren\xe9 M\xfcller"\nRUN pip install uv\n', 'latin1')],
      ['Windows-1252 smart quotes', Buffer.from([...Buffer.from('FROM python:3.12\nRUN echo '), 0x93, 0x68, 0x69, 0x94, 0x0a])],
      ['invalid UTF-8 sequences', Buffer.from([...Buffer.from('FROM python:3.12\nRUN echo '), 0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0xf0, 0x28, 0x8c, 0xbc, 0x0a])],
      ['Shift JIS', Buffer.from([...Buffer.from('FROM python:3.12\n# '), 0x83, 0x65, 0x83, 0x58, 0x83, 0x67, 0x0a])],
      ['UTF-16LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(LINTABLE_DOCKERFILE, 'utf16le')])],
      ['UTF-16BE with BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(LINTABLE_DOCKERFILE, 'utf16le').swap16()])],
      ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(LINTABLE_DOCKERFILE)])],
    ];
    for (const [what, bytes] of samples) {
      it(`${what}: linted or skipped with a message, never a crash`, () => {
        const ws = cleanup.tempDir('encoding');
        for (const name of ['Dockerfile', 'compose.yaml', 'run.sh']) write(ws, name, bytes);
        const r = runCli('--format', 'json', ws);
        assert.ok(r.code === 0 || r.code === 1, `exit code ${r.code}: ${r.stderr}`);
        const walk = walkWorkspace(ws);
        assert.deepEqual(checkEngine(new Snapshot(walk.files), defaultConfig(), { fixes: true, fixAll: true }).defects, []);
        if (what.startsWith('UTF-16')) assert.match(r.stderr, /Dockerfile: not linted: the file contains NUL bytes/);
      });
    }
  });

  describe('compose files of odd shapes', () => {
    const shapes: Record<string, Record<string, string>> = {
      'a YAML list': { 'compose.yaml': '- services\n- app\n' },
      'a scalar': { 'compose.yaml': 'just a string\n' },
      'empty': { 'compose.yaml': '' },
      'only comments': { 'compose.yaml': '# services:\n#   app:\n' },
      'services as a list and as a scalar': { 'compose.yaml': 'services:\n  - app\n', 'b/compose.yaml': 'services: app\n' },
      'a service that is a scalar or null': { 'compose.yaml': 'services:\n  app: nginx\n  other:\n' },
      'several documents': { 'compose.yaml': 'services:\n  a:\n    image: x\n---\nservices:\n  b:\n    image: y\n...\n' },
      'extends: itself, a cycle, a missing file, a path outside': {
        'compose.yaml': 'services:\n  a:\n    extends: a\n  b:\n    extends:\n      file: other/compose.yaml\n      service: c\n  d:\n    extends:\n      file: /etc/passwd\n      service: root\n  e:\n    extends:\n      file: missing.yaml\n      service: x\n',
        'other/compose.yaml': 'services:\n  c:\n    extends:\n      file: ../compose.yaml\n      service: b\n',
      },
      'include: a cycle, a missing file, an absolute path, a URL': {
        'compose.yaml': 'include:\n  - other/compose.yaml\n  - /etc/passwd\n  - missing.yaml\n  - path: oci://example/x\n    env_file: ../../.env\nservices:\n  a:\n    image: x\n',
        'other/compose.yaml': 'include:\n  - ../compose.yaml\n',
      },
      '.env interpolation, nested defaults, escapes and errors': {
        'compose.yaml': 'services:\n  a:\n    image: "${IMAGE:?set IMAGE}"\n    group_add: ["${RENDER_GID:-${FALLBACK:-993}}", "$$HOME", "${}", "${UNCLOSED"]\n    environment:\n      HTTP_PROXY: ${HTTP_PROXY-}\n      A: $${NOT_INTERPOLATED}\n',
        '.env': 'RENDER_GID=109\nIMAGE=$(touch /tmp/tobs-pwned)\nexport FALLBACK="993"\n\u0000binary\n',
      },
      'anchors, aliases, merge keys and an alias bomb': {
        'compose.yaml':
          'x-base: &base\n  group_add: ["109"]\n  devices: [/dev/dri]\nl0: &l0 [a, a, a, a, a, a, a, a, a, a]\nl1: &l1 [*l0, *l0, *l0, *l0, *l0, *l0, *l0, *l0, *l0, *l0]\nl2: &l2 [*l1, *l1, *l1, *l1, *l1, *l1, *l1, *l1, *l1, *l1]\nl3: &l3 [*l2, *l2, *l2, *l2, *l2, *l2, *l2, *l2, *l2, *l2]\nl4: &l4 [*l3, *l3, *l3, *l3, *l3, *l3, *l3, *l3, *l3, *l3]\nservices:\n  app:\n    <<: [*base, *undefined]\n    image: x\n    environment: *l4\n  self: &self\n    <<: *self\n',
      },
      'tags and odd keys': { 'compose.yaml': '%YAML 1.1\n---\n? [complex, key]\n: value\nservices: !!map\n  ? app\n  : !!str 1\n  "": {image: x}\n  yes: {image: y}\n' },
    };
    for (const [what, files] of Object.entries(shapes)) {
      it(`${what}: no crash, no internal error, fixes sound`, () => {
        const ws = cleanup.tempDir('compose');
        for (const [rel, text] of Object.entries(files)) write(ws, rel, text);
        const walk = walkWorkspace(ws);
        assert.deepEqual(checkEngine(new Snapshot(walk.files), defaultConfig(), { fixes: true, fixAll: true }).defects, []);
        const r = runCli('--format', 'json', ws);
        assert.ok(r.code === 0 || r.code === 1, `exit code ${r.code}: ${r.stderr}`);
      });
    }
  });
});
