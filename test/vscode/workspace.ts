// What the integration tests share: the workspace (a copy of examples/tobs), the extension, its
// diagnostics, and putting the files back after a test changed them.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { EngineView } from '../support/expected-findings';
import { SEED_SEVERITY } from '../support/seed-rules';
import type { HostFacts } from '../../server/src/engine/index';
import { waitFor } from '../support/wait';

export const EXTENSION_ID = 'tobs.tobs-devkit';
/** The language server answers within a second or two; 30 s keeps a broken build's run short. */
const WAIT_MS = 30_000;

/** waitFor with the integration suite's limit (mocha's per-test timeout in index.ts is longer). */
export function waitInHost<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>): Promise<T> {
  return waitFor(what, probe, WAIT_MS);
}
export const EXAMPLE_FILES = ['Dockerfile', 'docker-compose.yml', 'run-tobs.sh'] as const;

/** The commands the client issue promises (package.json may contribute more). */
export const PROMISED_COMMANDS = [
  'tobs.buildAndRun',
  'tobs.build',
  'tobs.run',
  'tobs.stop',
  'tobs.detectRenderGid',
  'tobs.showLogs',
  'tobs.fixAllInWorkspace',
  'tobs.showRuleDocs',
  'tobs.healthMenu',
];

/** The workspace folder: a copy of examples/tobs. */
export function folder(): vscode.Uri {
  const opened = vscode.workspace.workspaceFolders?.[0];
  assert.ok(opened, 'the test run opened a folder (a copy of examples/tobs)');
  return opened.uri;
}

export function fileUri(name: (typeof EXAMPLE_FILES)[number]): vscode.Uri {
  return vscode.Uri.joinPath(folder(), name);
}

export function tobsExtension(): vscode.Extension<unknown> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is installed`);
  return extension;
}

/** The rule id of a tobs diagnostic (the code carries a link to the rule's page). */
export function ruleOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return String(typeof code === 'object' ? code.value : code);
}

export function tobsDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'tobs');
}

export function rulesReported(uri: vscode.Uri): string[] {
  return [...new Set(tobsDiagnostics(uri).map(ruleOf))].sort();
}

/** Waits until the diagnostics of `uri` satisfy `holds`, for as long as the language server may need. */
export function waitForDiagnostics(what: string, uri: vscode.Uri, holds: (rules: string[]) => boolean): Promise<string[]> {
  return waitInHost(`${what} (${vscode.workspace.asRelativePath(uri)})`, () => {
    const rules = rulesReported(uri);
    return holds(rules) && rules;
  });
}

/** Remembers the example's files now; `restore()` writes them back, saved, in disk and editor alike. */
export function rememberFiles(): { original(name: (typeof EXAMPLE_FILES)[number]): string; restore(): Promise<void> } {
  const originals = new Map(EXAMPLE_FILES.map((name) => [name, fs.readFileSync(fileUri(name).fsPath, 'utf8')]));
  return {
    original: (name) => originals.get(name)!,
    async restore() {
      for (const [name, text] of originals) {
        const document = await vscode.workspace.openTextDocument(fileUri(name));
        if (document.getText() !== text) {
          const edit = new vscode.WorkspaceEdit();
          edit.replace(document.uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), text);
          assert.ok(await vscode.workspace.applyEdit(edit), `restore ${name}`);
        }
        if (document.isDirty) assert.ok(await document.save(), `save ${name}`);
      }
    },
  };
}

const SEVERITY_NAME: Record<number, string> = {
  [vscode.DiagnosticSeverity.Error]: 'error',
  [vscode.DiagnosticSeverity.Warning]: 'warning',
  [vscode.DiagnosticSeverity.Information]: 'info',
  [vscode.DiagnosticSeverity.Hint]: 'hint',
};

/** The example's file that each rule's language lives in. */
const FILE_OF_LANGUAGE: Record<string, (typeof EXAMPLE_FILES)[number]> = { dockerfile: 'Dockerfile', compose: 'docker-compose.yml', script: 'run-tobs.sh' };

/**
 * Waits for the Problems collection to hold what the engine finds in the example on a host with
 * `host`, then checks that no file of the example had to be opened for it, that exactly those rules
 * are reported with their severities, that the 16 seed rules are among them with the seed's
 * severities and in their own files, and that each empty proxy variable has its own finding.
 */
export async function assertProblemsWithoutOpening(host: HostFacts): Promise<void> {
  const expected = EngineView.of(folder().fsPath, host).rules();
  const allTobs = () => vscode.languages.getDiagnostics().flatMap(([uri, list]) => list.filter((d) => d.source === 'tobs').map((d) => ({ uri, d })));
  // Give the server its time; when something never comes, the assertions below say what is missing.
  await waitInHost('the findings the engine expects', () => new Set(allTobs().map(({ d }) => ruleOf(d))).size >= expected.size).catch(() => undefined);

  const opened = vscode.workspace.textDocuments.map((doc) => doc.uri.toString());
  for (const name of EXAMPLE_FILES) assert.ok(!opened.includes(fileUri(name).toString()), `${name} was not opened`);

  const reported = new Map(allTobs().map(({ d }) => [ruleOf(d), SEVERITY_NAME[d.severity]]));
  assert.deepEqual(sorted(reported), sorted(expected), "the editor reports the engine's findings for this host");
  for (const [rule, severity] of SEED_SEVERITY) assert.equal(reported.get(rule), severity, `seed rule ${rule}`);
  for (const { uri, d } of allTobs().filter(({ d }) => SEED_SEVERITY.has(ruleOf(d)))) {
    const expectedFile = FILE_OF_LANGUAGE[ruleOf(d).split('/')[0]];
    assert.equal(uri.toString(), fileUri(expectedFile).toString(), `${ruleOf(d)} is reported in ${expectedFile}`);
  }
  assert.equal(allTobs().filter(({ d }) => ruleOf(d) === 'compose/empty-proxy-vars').length, 8, 'one finding per empty proxy variable');
}

/** A rule → severity map as sorted entries, for a readable deepEqual diff. */
export function sorted(rules: Map<string, string>): [string, string][] {
  return [...rules].sort(([a], [b]) => a.localeCompare(b));
}
