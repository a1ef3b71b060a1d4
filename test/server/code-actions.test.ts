// Code actions as the user meets them: the preferred fix first, then the alternatives, "Fix all
// <rule> problems in this file", "Ignore <rule> on this line", "Show documentation for <rule>";
// source.fixAll.tobs for fix-on-save; the workspace command; edits across files in one
// WorkspaceEdit. Applying each one must make the server publish the expected result.

import * as assert from 'node:assert/strict';
import type { CodeAction, Command, Diagnostic, WorkspaceEdit } from 'vscode-languageserver/node';
import { defaultConfig, fixAll, Linter, uriKey } from '../../server/src/engine/index';
import { MAX_FINDINGS_WITH_QUICK_FIXES } from '../../server/src/lsp/code-actions';
import type { LspTestClient } from '../support/lsp-client';
import { byRule, describeDiagnostic, describeFinding, useSession } from './support';
import { TempWorkspace } from './workspace';

/** Two stages, each with an old uv image: two findings of one rule, each with two fixes. */
const TWO_OLD_UVS = [
  'FROM python:3.12-slim AS build',
  'COPY --from=ghcr.io/astral-sh/uv:0.4.20 /uv /bin/uv',
  'FROM python:3.12-slim',
  'COPY --from=ghcr.io/astral-sh/uv:0.4.20 /uv /bin/uv',
  'HEALTHCHECK NONE',
  '',
].join('\n');
const UV_RULE = 'dockerfile/uv-image-version';

function asActions(result: (CodeAction | Command)[] | null): CodeAction[] {
  assert.ok(result, 'the server answered');
  return result.map((a) => {
    assert.ok(!('command' in a && typeof a.command === 'string'), 'code actions, not bare commands');
    return a as CodeAction;
  });
}

async function actionsFor(client: LspTestClient, uri: string, diagnostic: Diagnostic, only?: string[]): Promise<CodeAction[]> {
  return asActions(await client.codeActions(uri, diagnostic.range, [diagnostic], only));
}

async function openTwoOldUvs(session: ReturnType<typeof useSession>) {
  const ws = new TempWorkspace({ Dockerfile: TWO_OLD_UVS }, false);
  const client = await session.start(ws);
  const uri = ws.uriOf('Dockerfile');
  await client.open(uri, 'dockerfile', TWO_OLD_UVS);
  const diagnostics = await client.currentDiagnostics(uri);
  const uv = diagnostics.filter(byRule(UV_RULE));
  assert.equal(uv.length, 2, 'both stages use an old uv');
  return { ws, client, uri, diagnostics, uv };
}

function editedUris(edit: WorkspaceEdit | undefined): string[] {
  return (edit?.documentChanges ?? []).map((c) => ('textDocument' in c ? c.textDocument.uri : ''));
}

describe('language server: code actions', () => {
  const session = useSession();

  it('offers the preferred fix, the alternatives, fix all of the rule, ignore and documentation, in that order', async () => {
    const { ws, client, uri, uv } = await openTwoOldUvs(session);
    const actions = await actionsFor(client, uri, uv[0]);

    const linter = new Linter();
    const snapshot = ws.snapshot();
    const finding = linter.lint(snapshot, defaultConfig()).find((f) => f.rule === UV_RULE)!;
    const fixes = linter.fixes(snapshot, defaultConfig(), finding);
    assert.ok(fixes.length >= 2 && fixes[0].preferred, 'the rule offers a preferred fix and an alternative');
    assert.deepEqual(
      actions.map((a) => a.title),
      [...fixes.map((f) => f.title), `Fix all ${UV_RULE} problems in this file`, `Ignore ${UV_RULE} on this line`, `Show documentation for ${UV_RULE}`],
    );
    assert.deepEqual(
      actions.map((a) => !!a.isPreferred),
      actions.map((_, i) => i === 0),
      'only the first is preferred',
    );
    assert.ok(actions.every((a) => a.kind === 'quickfix' && a.diagnostics?.length === 1 && a.diagnostics[0].code === UV_RULE));
    assert.deepEqual(actions[actions.length - 1].command, { title: `Show documentation for ${UV_RULE}`, command: 'tobs.showRuleDocs', arguments: [UV_RULE] });
  });

  it('applying the preferred fix makes its diagnostic go on the next publish', async () => {
    const { client, uri, uv } = await openTwoOldUvs(session);
    const [preferred] = await actionsFor(client, uri, uv[0]);
    assert.deepEqual(editedUris(preferred.edit), [uri]);
    client.applyEdit(preferred.edit!);
    const after = await client.currentDiagnostics(uri);
    assert.deepEqual(after.filter(byRule(UV_RULE)).map((d) => d.range.start.line), [uv[1].range.start.line]);
  });

  it('"Fix all <rule> problems in this file" fixes every finding of the rule and nothing else', async () => {
    const { client, uri, diagnostics, uv } = await openTwoOldUvs(session);
    const fixAllRule = (await actionsFor(client, uri, uv[1])).find((a) => a.title.startsWith('Fix all'))!;
    client.applyEdit(fixAllRule.edit!);
    const after = await client.currentDiagnostics(uri);
    assert.deepEqual(after.filter(byRule(UV_RULE)), []);
    assert.deepEqual(
      after.map((d) => d.code),
      diagnostics.filter((d) => d.code !== UV_RULE).map((d) => d.code),
    );
  });

  it('"Ignore <rule> on this line" silences exactly that finding', async () => {
    const { client, uri, diagnostics, uv } = await openTwoOldUvs(session);
    const ignore = (await actionsFor(client, uri, uv[1])).find((a) => a.title.startsWith('Ignore'))!;
    client.applyEdit(ignore.edit!);
    assert.equal(client.text(uri)!.split('\n')[uv[1].range.start.line], `# tobs-ignore-next-line ${UV_RULE}`);
    const after = await client.currentDiagnostics(uri);
    assert.deepEqual(after.filter(byRule(UV_RULE)).map((d) => d.range.start.line), [uv[0].range.start.line]);
    assert.equal(after.length, diagnostics.length - 1);
  });

  it('"Fix all <rule>" is offered only when the file has two or more findings of the rule', async () => {
    const ws = new TempWorkspace();
    const client = await session.start(ws);
    const uri = ws.uriOf('Dockerfile');
    const diagnostics = await client.diagnostics(uri);
    const single = diagnostics.find((d) => diagnostics.filter(byRule(String(d.code))).length === 1);
    assert.ok(single, 'some rule fires once in the tobs Dockerfile');
    const titles = (await actionsFor(client, uri, single)).map((a) => a.title);
    assert.ok(!titles.some((t) => t.startsWith('Fix all')), titles.join(' | '));
    assert.ok(titles.includes(`Ignore ${single.code} on this line`));
  });

  it('source.fixAll.tobs gives the engine\'s fix-all of the file, and only when source actions are asked for', async () => {
    const ws = new TempWorkspace();
    const client = await session.start(ws);
    const uri = ws.uriOf('Dockerfile');
    await client.open(uri, 'dockerfile', ws.read('Dockerfile'));
    const [first] = await client.currentDiagnostics(uri);

    for (const only of [undefined, ['quickfix']]) {
      const kinds = (await actionsFor(client, uri, first, only)).map((a) => a.kind);
      assert.ok(!kinds.includes('source.fixAll.tobs'), `not with only=${JSON.stringify(only)}`);
    }
    const onSave = await actionsFor(client, uri, first, ['source.fixAll']);
    assert.deepEqual(onSave.map((a) => a.kind), ['source.fixAll.tobs']);

    const expected = fixAll(new Linter(), ws.snapshot(), defaultConfig(), new Set([uriKey(uri)]));
    client.applyEdit(onSave[0].edit!);
    assert.equal(client.text(uri), expected.snapshot.get(uri)!.text);
    const after = await client.currentDiagnostics(uri);
    assert.deepEqual(after.map(describeDiagnostic), ws.lint('Dockerfile', { Dockerfile: client.text(uri)! }).map(describeFinding));
  });

  it('a fix that also edits another file arrives as one WorkspaceEdit, versioned for the open document', async () => {
    const ws = new TempWorkspace();
    const client = await session.start(ws);
    const files = ['Dockerfile', 'docker-compose.yml', 'run-tobs.sh'].map((name) => ws.uriOf(name));
    let crossFile: { uri: string; action: CodeAction } | undefined;
    for (const uri of files) {
      await client.open(uri, 'plaintext', ws.read(uri.slice(uri.lastIndexOf('/') + 1)));
      for (const d of await client.currentDiagnostics(uri)) {
        const preferred = (await actionsFor(client, uri, d)).find((a) => a.isPreferred);
        if (preferred && editedUris(preferred.edit).length > 1) crossFile ??= { uri, action: preferred };
      }
      if (!crossFile) await client.close(uri);
      else break;
    }
    assert.ok(crossFile, 'some preferred fix of the tobs set edits two files (compose/build-args adds the ARG to the Dockerfile)');
    const changes = crossFile.action.edit!.documentChanges!.map((c) => ('textDocument' in c ? c.textDocument : undefined)!);
    const own = changes.find((c) => c.uri === crossFile!.uri)!;
    assert.equal(own.version, client.version(crossFile.uri), 'the open document is edited at its current version');
    assert.ok(changes.some((c) => c.uri !== crossFile!.uri && c.version === null), 'the other file is not open: no version');

    const diagnostic = crossFile.action.diagnostics![0];
    client.applyEdit(crossFile.action.edit!);
    const after = await client.currentDiagnostics(crossFile.uri);
    assert.ok(!after.some((d) => d.code === diagnostic.code && d.range.start.line === diagnostic.range.start.line), `${diagnostic.code} is fixed`);
  });

  it('uses plain `changes` for a client without documentChanges, and still finds the finding when the client drops `data`', async () => {
    const ws = new TempWorkspace({ Dockerfile: TWO_OLD_UVS }, false);
    const client = await session.start(ws, { capabilities: { workspace: { configuration: true } } });
    const uri = ws.uriOf('Dockerfile');
    const uv = (await client.diagnostics(uri)).filter(byRule(UV_RULE));
    const { data: _dropped, ...withoutData } = uv[0];
    const [preferred] = await actionsFor(client, uri, withoutData);
    assert.equal(preferred.isPreferred, true);
    assert.deepEqual(Object.keys(preferred.edit!.changes ?? {}), [uri]);
    assert.equal(preferred.edit!.documentChanges, undefined);
  });

  it('offers nothing for a diagnostic the text has moved on from', async () => {
    const { client, uri, uv } = await openTwoOldUvs(session);
    await client.edit(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: '# moved\n' }]);
    await client.currentDiagnostics(uri);
    assert.deepEqual(await actionsFor(client, uri, uv[0]), []);
  });

  it('computes quick fixes for the first 20 diagnostics of one request, and still offers the rest of the menu', async () => {
    const script = `#!/bin/bash\npodman run ${'-v $PWD:/x '.repeat(30)}tobs\n`;
    const ws = new TempWorkspace({ 'run.sh': script }, false);
    const client = await session.start(ws);
    const uri = ws.uriOf('run.sh');
    await client.open(uri, 'shellscript', script);
    const unquoted = (await client.currentDiagnostics(uri)).filter(byRule('script/unquoted-path'));
    assert.equal(unquoted.length, 30);
    const line = { start: { line: 1, character: 0 }, end: { line: 1, character: script.split('\n')[1].length } };
    const titles = asActions(await client.codeActions(uri, line, unquoted)).map((a) => a.title);
    assert.equal(titles.filter((t) => t.startsWith('Quote the path')).length, MAX_FINDINGS_WITH_QUICK_FIXES);
    assert.deepEqual(
      titles.filter((t) => !t.startsWith('Quote the path')),
      ['Fix all script/unquoted-path problems in this file', 'Ignore script/unquoted-path on this line', 'Show documentation for script/unquoted-path'],
    );
  });

  it('"fix all in the workspace" applies the engine\'s fix-all to every file through workspace/applyEdit', async () => {
    const ws = new TempWorkspace();
    const client = await session.start(ws);
    await client.diagnostics(ws.uriOf('Dockerfile'));
    const result = (await client.executeCommand('tobs.server.fixAllInWorkspace')) as { changedFiles: number; applied: boolean };
    const expected = fixAll(new Linter(), ws.snapshot(), defaultConfig());
    assert.ok(expected.changed.size >= 1);
    assert.deepEqual(result.changedFiles, expected.changed.size);
    assert.equal(result.applied, true);
    assert.equal(client.appliedEdits.length, 1, 'one WorkspaceEdit');
    for (const uri of expected.changed) assert.equal(client.text(uri), expected.snapshot.get(uri)!.text, uri);
  });
});
