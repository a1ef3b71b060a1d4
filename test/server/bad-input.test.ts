// Whatever a client sends, the server answers or ignores it, logs once, and keeps serving:
// malformed requests, unknown URIs and commands, binary content, files too large to lint.

import * as assert from 'node:assert/strict';
import { ErrorCodes, ResponseError } from 'vscode-languageserver/node';
import type { LspTestClient } from '../support/lsp-client';
import { useSession } from './support';
import { TempWorkspace } from './workspace';

/** Proves the server still lints: an edit to the Dockerfile gets its diagnostics published. */
async function stillServing(client: LspTestClient, ws: TempWorkspace): Promise<void> {
  const uri = ws.uriOf('Dockerfile');
  if (client.version(uri) === undefined) await client.open(uri, 'dockerfile', ws.read('Dockerfile'));
  else await client.replaceText(uri, client.text(uri) + '\n');
  assert.ok((await client.currentDiagnostics(uri)).length > 0);
}

describe('language server: bad input', () => {
  const session = useSession();

  it('answers a malformed code action request, logs it once, and keeps serving', async () => {
    const ws = new TempWorkspace();
    const client = await session.start(ws);
    for (let i = 0; i < 2; i++) {
      assert.deepEqual(await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: ws.uriOf('Dockerfile') } }), []);
    }
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: null });
    await stillServing(client, ws);
    assert.equal(client.messages.filter((m) => m.startsWith('codeAction failed')).length, 1, client.messages.join('\n'));
    assert.equal(client.messages.filter((m) => m.startsWith('didChangeWatchedFiles failed')).length, 1, client.messages.join('\n'));
  });

  it('answers requests about unknown documents and ignores changes to them', async () => {
    const ws = new TempWorkspace();
    const client = await session.start(ws);
    const nowhere = ws.uriOf('no/such/Dockerfile');
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    assert.deepEqual(await client.codeActions(nowhere, range, []), []);
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: nowhere, version: 2 }, contentChanges: [{ text: 'FROM x' }] });
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: nowhere } });
    await stillServing(client, ws);
    assert.equal(client.published.has(nowhere), false);
  });

  it('refuses an unknown command with an error response', async () => {
    const ws = new TempWorkspace();
    const client = await session.start(ws);
    await assert.rejects(client.executeCommand('tobs.server.noSuchCommand'), (e: unknown) => e instanceof ResponseError && e.code === ErrorCodes.InvalidParams);
    await stillServing(client, ws);
  });

  for (const [what, text, logged] of [
    ['binary content', 'FROM python:3.11\n\u0000\u0001\u0002 RUN x\n', 'NUL bytes'],
    ['a 10 MB file', 'FROM python:3.11\n' + 'RUN echo aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n'.repeat(120_000), 'larger than'],
  ] as const) {
    it(`does not lint ${what}, says why once, and keeps serving`, async () => {
      const ws = new TempWorkspace();
      const client = await session.start(ws);
      const uri = ws.uriOf('odd/Dockerfile');
      await client.open(uri, 'dockerfile', text);
      await stillServing(client, ws);
      await client.edit(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: '# again\n' }]);
      await stillServing(client, ws);
      assert.equal(client.messages.filter((m) => m.includes(logged)).length, 1, client.messages.join('\n'));
      assert.equal(client.published.has(uri), false, 'no diagnostics for it');
    });
  }
});
