// Diagnostics as the user sees them: the whole workspace on start-up, fresh results as they type
// (always for the version they were computed for), in dependent files too, and files that come
// and go on disk.

import * as assert from 'node:assert/strict';
import { docsUrl, rulesById } from '../../server/src/engine/index';
import { SEED_SEVERITY } from '../support/seed-rules';
import { describeDiagnostic, describeFinding, SEVERITY_NAME, useSession } from './support';
import { TempWorkspace } from './workspace';

const LINTED = ['Dockerfile', 'docker-compose.yml', 'run-tobs.sh'];
const SESSIONS_MOUNT = '      - ./sessions:/app/sessions\n';

describe('language server: publishing', () => {
  const session = useSession();

  it('publishes every linted file of the workspace on start-up, without opening one, as the engine finds them', async () => {
    const ws = new TempWorkspace();
    const client = await session.start(ws);
    for (const name of LINTED) {
      const published = await client.diagnostics(ws.uriOf(name));
      assert.deepEqual(published.map(describeDiagnostic), ws.lint(name).map(describeFinding), name);
    }
    const dockerfile = await client.diagnostics(ws.uriOf('Dockerfile'));
    assert.ok(dockerfile.length > 0, 'the tobs Dockerfile has findings');
    for (const d of dockerfile) {
      assert.equal(d.source, 'tobs');
      assert.ok(rulesById.has(String(d.code)), `code ${d.code} is a rule id`);
      assert.equal(d.codeDescription?.href, docsUrl(String(d.code)));
      assert.equal((d.data as { rule: string }).rule, d.code);
    }
  });

  it('publishes every file of a workspace larger than one slice of linting, cross-file findings included', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 150; i++) {
      files[`app${i}/Dockerfile`] = `FROM python:3.12-slim\nRUN pip install uv\n`;
      files[`app${i}/compose.yaml`] = `services:\n  app:\n    build: .\n    image: app${i}:latest\n`;
    }
    const ws = new TempWorkspace(files);
    const client = await session.start(ws);
    for (const name of [...LINTED, 'app0/compose.yaml', 'app149/Dockerfile', 'app149/compose.yaml']) {
      const published = await client.diagnostics(ws.uriOf(name));
      assert.deepEqual(published.map(describeDiagnostic), ws.lint(name).map(describeFinding), name);
    }
    assert.ok((await client.diagnostics(ws.uriOf('app149/compose.yaml'))).some((d) => d.code === 'compose/build-args'), 'the compose file sees its Dockerfile');
    for (const name of Object.keys(files)) await client.diagnostics(ws.uriOf(name));
  });

  it('lists the 16 seed rules of the tobs example, with their severities, without a file being opened', async () => {
    const ws = new TempWorkspace();
    const client = await session.start(ws);
    const published = await Promise.all(LINTED.map((name) => client.diagnostics(ws.uriOf(name))));
    const severityOf = new Map(published.flat().map((d) => [String(d.code), SEVERITY_NAME[d.severity!]]));
    assert.deepEqual(new Map([...severityOf].sort()), new Map([...SEED_SEVERITY].sort()));
  });

  it('links a cross-file finding to the compose mount that causes it', async () => {
    const ws = new TempWorkspace();
    const client = await session.start(ws);
    const volumeDirs = (await client.diagnostics(ws.uriOf('Dockerfile'))).find((d) => d.code === 'dockerfile/volume-dirs');
    assert.ok(volumeDirs, 'dockerfile/volume-dirs fires on the tobs Dockerfile');
    const sessionsLine = ws.read('docker-compose.yml').split('\n').indexOf(SESSIONS_MOUNT.trimEnd());
    const related = volumeDirs.relatedInformation ?? [];
    assert.ok(
      related.some((r) => r.location.uri === ws.uriOf('docker-compose.yml') && r.location.range.start.line === sessionsLine),
      `related information points at docker-compose.yml line ${sessionsLine + 1}: ${JSON.stringify(related)}`,
    );
  });

  it('publishes with the version each result was computed for, never going back, ending at the last edit', async () => {
    const ws = new TempWorkspace();
    const client = await session.start(ws);
    const uri = ws.uriOf('Dockerfile');
    await client.diagnostics(uri);
    const mark = client.mark();
    await client.open(uri, 'dockerfile', ws.read('Dockerfile'));
    const textAt = new Map([[1, ws.read('Dockerfile')]]);
    // Five quick edits, none waiting for the server: the uv version goes from 0.4.20 to 0.13.8.
    for (const version of ['0.4.21', '0.5.0', '0.6.1', '0.8.0', '0.13.8']) {
      const line = client.text(uri)!.split('\n').findIndex((l) => l.includes('astral-sh/uv:'));
      const col = client.text(uri)!.split('\n')[line].indexOf('uv:') + 3;
      const old = /^[\d.]+/.exec(client.text(uri)!.split('\n')[line].slice(col))![0];
      await client.edit(uri, [{ range: { start: { line, character: col }, end: { line, character: col + old.length } }, newText: version }]);
      textAt.set(client.version(uri)!, client.text(uri)!);
    }
    const final = await client.currentDiagnostics(uri);
    assert.ok(!final.some((d) => d.code === 'dockerfile/uv-image-version'), 'uv 0.13.8 is current');

    const versions = client.publishes.slice(mark).filter((p) => p.uri === uri);
    let last = 0;
    for (const p of versions) {
      assert.ok(p.version !== undefined && textAt.has(p.version), `publish for a version the client sent (${p.version})`);
      assert.ok(p.version >= last, `version ${p.version} after ${last}`);
      last = p.version;
      assert.deepEqual(p.diagnostics.map(describeDiagnostic), ws.lint('Dockerfile', { Dockerfile: textAt.get(p.version)! }).map(describeFinding), `version ${p.version}`);
    }
  });

  it('re-publishes the Dockerfile and the script when the compose file they depend on changes, though they are not open', async () => {
    const ws = new TempWorkspace();
    const client = await session.start(ws);
    const compose = ws.uriOf('docker-compose.yml');
    await client.diagnostics(ws.uriOf('Dockerfile'));
    await client.open(compose, 'dockercompose', ws.read('docker-compose.yml'));
    const mark = client.mark();
    const line = client.text(compose)!.split('\n').indexOf(SESSIONS_MOUNT.trimEnd());
    await client.edit(compose, [{ range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }, newText: '' }]);
    const overrides = { 'docker-compose.yml': client.text(compose)! };
    const dockerfile = await client.diagnosticsSince(ws.uriOf('Dockerfile'), mark);
    assert.deepEqual(dockerfile.map(describeDiagnostic), ws.lint('Dockerfile', overrides).map(describeFinding));
    const volumeDirs = dockerfile.find((d) => d.code === 'dockerfile/volume-dirs');
    assert.ok(!volumeDirs?.relatedInformation?.some((r) => r.location.uri === compose), 'the compose mount is gone from the related information');
    const script = await client.diagnosticsSince(ws.uriOf('run-tobs.sh'), mark);
    assert.deepEqual(script.map(describeDiagnostic), ws.lint('run-tobs.sh', overrides).map(describeFinding));
  });

  it('re-publishes the compose file and the script when the Dockerfile changes', async () => {
    const ws = new TempWorkspace();
    const client = await session.start(ws);
    const dockerfile = ws.uriOf('Dockerfile');
    await client.diagnostics(ws.uriOf('docker-compose.yml'));
    await client.open(dockerfile, 'dockerfile', ws.read('Dockerfile'));
    const mark = client.mark();
    await client.replaceText(dockerfile, ws.read('Dockerfile').replace('FROM python:3.11.8-slim-bookworm', 'ARG PYTHON_VERSION=3.11.8\nFROM python:${PYTHON_VERSION}-slim-bookworm'));
    const overrides = { Dockerfile: client.text(dockerfile)! };
    for (const name of ['docker-compose.yml', 'run-tobs.sh']) {
      const published = await client.diagnosticsSince(ws.uriOf(name), mark);
      assert.deepEqual(published.map(describeDiagnostic), ws.lint(name, overrides).map(describeFinding), name);
    }
  });

  it('re-publishes a file that depended on the changed one before the change', async () => {
    const ws = new TempWorkspace();
    const client = await session.start(ws);
    const compose = ws.uriOf('docker-compose.yml');
    const before = await client.diagnostics(ws.uriOf('Dockerfile'));
    assert.ok(before.some((d) => d.code === 'dockerfile/volume-dirs'), 'the mounts of compose and script make dockerfile/volume-dirs fire');
    await client.open(compose, 'dockercompose', ws.read('docker-compose.yml'));
    const mark = client.mark();
    // The service now builds another Dockerfile: nothing links the tobs Dockerfile to any mount.
    await client.replaceText(compose, ws.read('docker-compose.yml').replace('context: .', 'context: ./other'));
    const after = await client.diagnosticsSince(ws.uriOf('Dockerfile'), mark);
    assert.deepEqual(after.map(describeDiagnostic), ws.lint('Dockerfile', { 'docker-compose.yml': client.text(compose)! }).map(describeFinding));
    assert.ok(!after.some((d) => d.code === 'dockerfile/volume-dirs'));
  });

  it('indexes a workspace folder when it is added, and clears its files when it is removed', async () => {
    const ws = new TempWorkspace();
    const other = new TempWorkspace({ Containerfile: 'FROM python:3.11.8-slim-bookworm\nCMD ["python"]\n' }, false);
    try {
      const client = await session.start(ws);
      await client.diagnostics(ws.uriOf('Dockerfile'));
      const folder = { uri: other.uri, name: 'other' };
      await client.connection.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [folder], removed: [] } });
      const published = await client.diagnostics(other.uriOf('Containerfile'));
      assert.ok(published.length > 0);
      assert.deepEqual(published.map(describeDiagnostic), other.lint('Containerfile').map(describeFinding));
      await client.connection.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [], removed: [folder] } });
      assert.deepEqual(await client.diagnostics(other.uriOf('Containerfile'), (p) => p.diagnostics.length === 0), []);
    } finally {
      other.dispose();
    }
  });

  it('follows the watcher: a created file is published, a deleted folder clears its files', async () => {
    const ws = new TempWorkspace();
    const client = await session.start(ws);
    await client.diagnostics(ws.uriOf('Dockerfile'));
    const created = ws.write('extra/Containerfile', 'FROM python:3.11.8-slim-bookworm\nCMD ["python"]\n');
    await client.changeWatchedFiles([{ uri: created, type: 1 }]);
    const published = await client.diagnostics(created);
    assert.ok(published.length > 0, 'the new Containerfile has findings');
    assert.deepEqual(published.map(describeDiagnostic), ws.lint('extra/Containerfile').map(describeFinding));

    ws.remove('extra');
    await client.changeWatchedFiles([{ uri: ws.uriOf('extra'), type: 3 }]);
    assert.deepEqual(await client.diagnostics(created, (p) => p.diagnostics.length === 0), []);
  });

  it('keeps linting a file deleted while open, and clears it when it is closed', async () => {
    const ws = new TempWorkspace();
    const client = await session.start(ws);
    const uri = ws.uriOf('Dockerfile');
    await client.diagnostics(uri);
    await client.open(uri, 'dockerfile', ws.read('Dockerfile'));
    ws.remove('Dockerfile');
    await client.changeWatchedFiles([{ uri, type: 3 }]);
    await client.replaceText(uri, client.text(uri)! + '\n# still here\n');
    const open = await client.currentDiagnostics(uri);
    assert.ok(open.length > 0, 'the open document is still linted');
    const mark = client.mark();
    await client.close(uri);
    assert.deepEqual(await client.diagnosticsSince(uri, mark, (p) => p.version === undefined), []);
  });

  it('falls back to the saved text when a document is closed, also without a file watcher', async () => {
    const ws = new TempWorkspace();
    const client = await session.start(ws, { capabilities: { workspace: { configuration: true } } });
    const uri = ws.uriOf('Dockerfile');
    await client.diagnostics(uri);
    await client.open(uri, 'dockerfile', ws.read('Dockerfile'));
    const saved = ws.read('Dockerfile').replace('uv:0.4.20', 'uv:0.13.8');
    await client.replaceText(uri, saved);
    ws.write('Dockerfile', saved);
    const mark = client.mark();
    await client.close(uri);
    const published = await client.diagnosticsSince(uri, mark, (p) => p.version === undefined);
    assert.deepEqual(published.map(describeDiagnostic), ws.lint('Dockerfile').map(describeFinding));
    assert.ok(!published.some((d) => d.code === 'dockerfile/uv-image-version'));
  });
});
