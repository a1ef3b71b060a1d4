// Fixing as a user does through the API the editor uses: the light bulb's code actions, the
// preferred one first; fix-all on save (source.fixAll.tobs); and a Dockerfile edit that changes
// what the compose file reports.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EngineView, hostFactsOfThisMachine } from '../../support/expected-findings';
import { SEED_SEVERITY } from '../../support/seed-rules';
import { folder, fileUri, rememberFiles, rulesReported, ruleOf, tobsDiagnostics, waitForDiagnostics } from '../workspace';

describe('fixing the example (trusted)', () => {
  let files: ReturnType<typeof rememberFiles>;

  before(async () => {
    files = rememberFiles();
    await waitForDiagnostics('the run-as-root finding', fileUri('run-tobs.sh'), (rules) => rules.includes('script/run-as-root'));
  });

  afterEach(async () => {
    await files.restore();
  });

  it('offers the preferred fix first for `--user root`; applying it rewrites the line and the finding goes', async () => {
    const uri = fileUri('run-tobs.sh');
    const diagnostic = tobsDiagnostics(uri).find((d) => ruleOf(d) === 'script/run-as-root')!;
    const document = await vscode.workspace.openTextDocument(uri);
    assert.match(document.lineAt(diagnostic.range.start.line).text, /--user root/, 'the finding sits on the --user root line');

    // What the light bulb lists on that line: only this finding's actions are there.
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range);
    const titles = actions.map((a) => a.title).join(' | ');
    const [first] = actions;
    assert.equal(first?.isPreferred, true, `the first action is the preferred one: ${titles}`);
    assert.equal(first.kind?.value, vscode.CodeActionKind.QuickFix.value);
    assert.equal(actions.filter((a) => a.isPreferred).length, 1, `exactly one preferred fix: ${titles}`);

    assert.ok(first.edit && (await vscode.workspace.applyEdit(first.edit)), 'the edit applies');
    assert.equal(document.getText(), files.original('run-tobs.sh').replace('--user root', '--user 1000:1000'));
    const rules = await waitForDiagnostics('the run-as-root finding to go', uri, (r) => !r.includes('script/run-as-root'));
    assert.ok(rules.includes('script/unquoted-path'), 'the other findings of the file stay');
  });

  it('source.fixAll.tobs clears the whole Dockerfile (but for what this host adds)', async () => {
    const uri = fileUri('Dockerfile');
    const expected = [...EngineView.of(folder().fsPath, await hostFactsOfThisMachine()).afterFixing(['Dockerfile']).rules('Dockerfile').keys()].sort();
    assert.deepEqual(expected.filter((rule) => SEED_SEVERITY.has(rule)), [], 'the engine fixes every seed finding of the Dockerfile');
    const document = await vscode.workspace.openTextDocument(uri);
    const whole = new vscode.Range(0, 0, document.lineCount, 0);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, whole, 'source.fixAll.tobs');
    const fixAll = actions.find((a) => a.kind?.value === 'source.fixAll.tobs');
    assert.ok(fixAll?.edit, `a source.fixAll.tobs action: ${actions.map((a) => `${a.kind?.value} ${a.title}`).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(fixAll.edit));
    assert.match(document.getText(), /uv sync/, 'the dependency install now uses uv sync');
    await waitForDiagnostics(`the Dockerfile to keep only ${JSON.stringify(expected)}`, uri, (rules) => JSON.stringify(rules) === JSON.stringify(expected));
  });

  it("editing the Dockerfile updates the compose file's diagnostics", async () => {
    const dockerfile = await vscode.workspace.openTextDocument(fileUri('Dockerfile'));
    const compose = fileUri('docker-compose.yml');
    assert.ok(rulesReported(compose).includes('compose/healthcheck'), 'the service has no healthcheck anywhere yet');

    // An image HEALTHCHECK is a healthcheck for the compose service too: the compose finding goes.
    const edit = new vscode.WorkspaceEdit();
    const cmd = dockerfile.getText().match(/^CMD .*$/m)!;
    edit.insert(dockerfile.uri, dockerfile.positionAt(cmd.index!), 'HEALTHCHECK CMD ["python", "-c", "import sys"]\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.equal(dockerfile.isDirty, true, 'the edit is in the editor only, not saved');
    await waitForDiagnostics('compose/healthcheck to go', compose, (rules) => !rules.includes('compose/healthcheck'));

    // And it comes back when the HEALTHCHECK does.
    await files.restore();
    await waitForDiagnostics('compose/healthcheck to come back', compose, (rules) => rules.includes('compose/healthcheck'));
  });
});
