// The server as it ships: the bundled dist/server.js, spawned with --stdio like any LSP client
// starts it (and once with --node-ipc), driven from initialize to exit over all three kinds of file and a cross-file change.

import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import type { CodeAction } from 'vscode-languageserver/node';
import { LspTestClient } from '../support/lsp-client';
import { REPO_ROOT } from '../support/paths';
import { describeDiagnostic, describeFinding } from './support';
import { TempWorkspace } from './workspace';

const SERVER = path.join(REPO_ROOT, 'dist/server.js');
const FILES = [
  ['Dockerfile', 'dockerfile'],
  ['docker-compose.yml', 'dockercompose'],
  ['run-tobs.sh', 'shellscript'],
] as const;

describe('language server as a process (dist/server.js)', function () {
  this.timeout(120_000);
  let client: LspTestClient | undefined;
  let ws: TempWorkspace | undefined;

  before(() => {
    const build = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: REPO_ROOT, encoding: 'utf8' });
    assert.equal(build.status, 0, `node esbuild.mjs failed:\n${build.stderr}`);
  });

  afterEach(() => {
    client?.dispose();
    ws?.dispose();
    client = ws = undefined;
  });

  /** What the engine finds in `uri` with the client's open documents over the disk. */
  function expected(uri: string): string[] {
    const overrides = Object.fromEntries([...client!.openDocuments()].map(([u, text]) => [ws!.nameOf(u), text]));
    return ws!.lint(ws!.nameOf(uri), overrides).map(describeFinding);
  }

  it('initialize → didOpen → publish → codeAction → apply → re-publish, for each kind of file and across files → shutdown → exit', async () => {
    ws = new TempWorkspace();
    const lsp = (client = LspTestClient.spawn(process.execPath, [SERVER, '--stdio']));
    const init = await lsp.initialize({ folders: [ws.uri] });
    assert.ok(init.capabilities.codeActionProvider, 'code actions');

    for (const [name, languageId] of FILES) {
      const uri = ws.uriOf(name);
      await lsp.open(uri, languageId, ws.read(name));
      const published = await lsp.currentDiagnostics(uri);
      assert.deepEqual(published.map(describeDiagnostic), expected(uri), `${name}: published as the engine finds it`);

      let preferred: CodeAction | undefined;
      for (const d of published) {
        const actions = (await lsp.codeActions(uri, d.range, [d])) as CodeAction[];
        preferred = actions.find((a) => a.isPreferred);
        if (preferred) break;
      }
      assert.ok(preferred, `${name}: some diagnostic has a preferred quick fix`);
      const fixed = preferred.diagnostics![0];
      lsp.applyEdit(preferred.edit!);
      const afterFix = await lsp.currentDiagnostics(uri);
      assert.deepEqual(afterFix.map(describeDiagnostic), expected(uri), `${name}: re-published for the edited text`);
      assert.ok(afterFix.filter((d) => d.code === fixed.code).length < published.filter((d) => d.code === fixed.code).length, `${name}: ${fixed.code} fixed`);
    }

    // The compose file and the script depend on the Dockerfile: an edit there re-publishes them.
    const dockerfile = ws.uriOf('Dockerfile');
    const mark = lsp.mark();
    await lsp.replaceText(dockerfile, lsp.text(dockerfile)!.replace(/^RUN mkdir -p .*$/m, (line) => `${line} /app/sessions`));
    for (const name of ['docker-compose.yml', 'run-tobs.sh']) {
      const republished = await lsp.diagnosticsSince(ws.uriOf(name), mark);
      assert.deepEqual(republished.map(describeDiagnostic), expected(ws.uriOf(name)), `${name} re-published after the Dockerfile changed`);
    }

    const exited = new Promise<number | null>((resolve) => lsp.child!.once('exit', (code) => resolve(code)));
    await lsp.shutdown();
    assert.equal(await exited, 0, 'exits cleanly after shutdown and exit');
  });

  it('also speaks over node IPC, as the extension may start it', async () => {
    ws = new TempWorkspace();
    client = LspTestClient.fork(SERVER);
    await client.initialize({ folders: [ws.uri] });
    const uri = ws.uriOf('Dockerfile');
    await client.open(uri, 'dockerfile', ws.read('Dockerfile'));
    assert.deepEqual((await client.currentDiagnostics(uri)).map(describeDiagnostic), expected(uri));
  });

  it('survives a frame that is not JSON and keeps answering', async () => {
    ws = new TempWorkspace();
    client = LspTestClient.spawn(process.execPath, [SERVER, '--stdio']);
    await client.initialize({ folders: [ws.uri] });
    await client.diagnostics(ws.uriOf('Dockerfile'));
    const garbage = '{"jsonrpc": "2.0", "method": ';
    client.child!.stdin!.write(`Content-Length: ${Buffer.byteLength(garbage)}\r\n\r\n${garbage}`);
    await client.roundTrip();
    const uri = ws.uriOf('Dockerfile');
    await client.open(uri, 'dockerfile', ws.read('Dockerfile'));
    assert.deepEqual((await client.currentDiagnostics(uri)).map(describeDiagnostic), expected(uri));
  });
});
