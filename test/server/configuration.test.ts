// `.tobs-lint.yaml` is the team's truth; the user's `tobs.rules` may only turn rules down, and
// is re-applied without a restart; a broken file shows one clear problem and linting goes on.

import * as assert from 'node:assert/strict';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import { byRule, useSession } from './support';
import { TempWorkspace } from './workspace';

const TEAM_CONFIG = 'rules:\n  dockerfile/healthcheck: off\n  dockerfile/python-version-arg: warning\n';

describe('language server: configuration', () => {
  const session = useSession();

  it('applies .tobs-lint.yaml, and lets user settings turn rules down but never up, without a restart', async () => {
    const ws = new TempWorkspace({ '.tobs-lint.yaml': TEAM_CONFIG });
    const client = await session.start(ws);
    const uri = ws.uriOf('Dockerfile');
    const severityOf = (diagnostics: Diagnostic[], rule: string) => diagnostics.find(byRule(rule))?.severity;

    const teamOnly = await client.diagnostics(uri);
    assert.equal(severityOf(teamOnly, 'dockerfile/healthcheck'), undefined, 'off in the team file');
    assert.equal(severityOf(teamOnly, 'dockerfile/python-version-arg'), DiagnosticSeverity.Warning, 'raised by the team file');
    assert.equal(severityOf(teamOnly, 'dockerfile/uv-sync'), DiagnosticSeverity.Warning);

    let mark = client.mark();
    await client.changeSettings({ rules: { 'dockerfile/healthcheck': 'error', 'dockerfile/python-version-arg': 'info', 'dockerfile/uv-sync': 'off' } });
    const lowered = await client.diagnosticsSince(uri, mark);
    assert.equal(severityOf(lowered, 'dockerfile/healthcheck'), undefined, 'a user setting cannot turn a rule back on');
    assert.equal(severityOf(lowered, 'dockerfile/python-version-arg'), DiagnosticSeverity.Information, 'turned down by the user');
    assert.equal(severityOf(lowered, 'dockerfile/uv-sync'), undefined, 'turned off by the user');

    mark = client.mark();
    await client.changeSettings({ rules: { 'dockerfile/uv-sync': 'error' } });
    const raised = await client.diagnosticsSince(uri, mark);
    assert.equal(severityOf(raised, 'dockerfile/uv-sync'), DiagnosticSeverity.Warning, 'not above the default');
    assert.equal(severityOf(raised, 'dockerfile/python-version-arg'), DiagnosticSeverity.Warning, 'the team setting is back');
  });

  it('reads settings pushed with didChangeConfiguration from a client that cannot be asked for them', async () => {
    const ws = new TempWorkspace();
    const client = await session.start(ws, { capabilities: {} });
    const uri = ws.uriOf('Dockerfile');
    assert.ok((await client.diagnostics(uri)).some(byRule('dockerfile/uv-sync')));
    const mark = client.mark();
    await client.changeSettings({ rules: { 'dockerfile/uv-sync': 'off' } });
    assert.ok(!(await client.diagnosticsSince(uri, mark)).some(byRule('dockerfile/uv-sync')));
  });

  it('shows one problem on a broken config file, lints with the defaults, and recovers when the file is fixed', async () => {
    const ws = new TempWorkspace({ '.tobs-lint.yaml': 'rules:\n  dockerfile/healthcheck: off\n  nope/rule: off\n' });
    const client = await session.start(ws);
    const configUri = ws.uriOf('.tobs-lint.yaml');
    const [problem, ...more] = await client.diagnostics(configUri);
    assert.deepEqual(more, []);
    assert.equal(problem.source, 'tobs');
    assert.equal(problem.code, 'config');
    assert.equal(problem.severity, DiagnosticSeverity.Error);
    assert.match(String(problem.message), /nope\/rule/);
    assert.deepEqual(problem.range, { start: { line: 2, character: 2 }, end: { line: 2, character: 11 } }, 'points at the offending key');
    assert.ok((await client.diagnostics(ws.uriOf('Dockerfile'))).some(byRule('dockerfile/healthcheck')), 'the defaults apply');

    const mark = client.mark();
    ws.write('.tobs-lint.yaml', 'rules:\n  dockerfile/healthcheck: off\n');
    await client.changeWatchedFiles([{ uri: configUri, type: 2 }]);
    assert.deepEqual(await client.diagnosticsSince(configUri, mark), []);
    assert.ok(!(await client.diagnosticsSince(ws.uriOf('Dockerfile'), mark)).some(byRule('dockerfile/healthcheck')), 'the fixed file applies');
  });

  it('re-lints as the config file is edited in the editor', async () => {
    const ws = new TempWorkspace({ '.tobs-lint.yaml': '' });
    const client = await session.start(ws);
    const configUri = ws.uriOf('.tobs-lint.yaml');
    assert.ok((await client.diagnostics(ws.uriOf('Dockerfile'))).some(byRule('dockerfile/healthcheck')));
    await client.open(configUri, 'yaml', '');
    const mark = client.mark();
    await client.replaceText(configUri, TEAM_CONFIG);
    assert.ok(!(await client.diagnosticsSince(ws.uriOf('Dockerfile'), mark)).some(byRule('dockerfile/healthcheck')));
  });

  it('indexes at most tobs.maxFiles files and says so', async () => {
    const ws = new TempWorkspace();
    const client = await session.start(ws, { settings: { maxFiles: 1 } });
    await client.waitForPublish(() => client.publishes[0]);
    await client.roundTrip();
    assert.ok(client.messages.some((m) => m.includes('tobs.maxFiles')), client.messages.join('\n'));
    assert.equal(client.published.size, 1, [...client.published.keys()].join(', '));
  });
});
