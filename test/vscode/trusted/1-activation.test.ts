// The first thing a user sees on opening the folder: the extension starts by itself and the
// Problems collection fills with the 16 findings of the seed, before any file is opened.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SEED_SEVERITY } from '../../support/seed-rules';
import { EXAMPLE_FILES, fileUri, ruleOf, tobsExtension, waitInHost } from '../workspace';

const SEVERITY_NAME: Record<number, string> = {
  [vscode.DiagnosticSeverity.Error]: 'error',
  [vscode.DiagnosticSeverity.Warning]: 'warning',
  [vscode.DiagnosticSeverity.Information]: 'info',
  [vscode.DiagnosticSeverity.Hint]: 'hint',
};

/** The file each rule's language lives in, in the example. */
const FILE_OF_LANGUAGE: Record<string, string> = { dockerfile: 'Dockerfile', compose: 'docker-compose.yml', script: 'run-tobs.sh' };

describe('opening a copy of examples/tobs (trusted)', () => {
  it('runs in a trusted workspace', () => {
    assert.equal(vscode.workspace.isTrusted, true);
  });

  it('activates the extension by itself', async () => {
    await waitInHost('the tobs extension to activate', () => tobsExtension().isActive);
  });

  it('fills the Problems collection with the 16 seed rules, with their severities, without opening a file', async () => {
    const allTobs = () => vscode.languages.getDiagnostics().flatMap(([uri, list]) => list.filter((d) => d.source === 'tobs').map((d) => ({ uri, d })));
    await waitInHost('diagnostics of all 16 seed rules', () => new Set(allTobs().map(({ d }) => ruleOf(d))).size >= SEED_SEVERITY.size);

    const opened = vscode.workspace.textDocuments.map((doc) => doc.uri.toString());
    for (const name of EXAMPLE_FILES) assert.ok(!opened.includes(fileUri(name).toString()), `${name} was not opened`);

    const reported = new Map(allTobs().map(({ d }) => [ruleOf(d), SEVERITY_NAME[d.severity]]));
    assert.deepEqual([...reported.keys()].sort(), [...SEED_SEVERITY.keys()].sort(), 'exactly the 16 seed rules');
    for (const [rule, severity] of SEED_SEVERITY) assert.equal(reported.get(rule), severity, `severity of ${rule}`);
    for (const { uri, d } of allTobs()) {
      const expectedFile = FILE_OF_LANGUAGE[ruleOf(d).split('/')[0]];
      assert.equal(uri.toString(), fileUri(expectedFile as (typeof EXAMPLE_FILES)[number]).toString(), `${ruleOf(d)} is reported in ${expectedFile}`);
    }
    const proxyFindings = allTobs().filter(({ d }) => ruleOf(d) === 'compose/empty-proxy-vars');
    assert.equal(proxyFindings.length, 8, 'one finding per empty proxy variable');
  });
});
