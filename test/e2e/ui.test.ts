// What a user sees, driven as a user drives it: the installed .vsix in a fresh code-server on a copy
// of examples/tobs; squiggles and the Problems panel; the quick fix menu on `--user root`; "Fix all";
// "Detect render GID" from the command palette; the health item in the status bar. Each step leaves
// a screenshot in test-results/e2e/ui/.

import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { Cleanup } from '../support/cleanup';
import { requireCodeServer, startCodeServer, workspaceCopy } from '../support/code-server';
import { EngineView, hostFactsOfThisMachine } from '../support/expected-findings';
import { EXAMPLE_DIR } from '../support/paths';
import { findTool } from '../support/require-tool';
import { SEED_SEVERITY } from '../support/seed-rules';
import { packagedVsix } from '../support/vsix';
import { waitFor } from '../support/wait';
import { launchChromium, UI_TIMEOUT_MS, Workbench } from '../support/workbench';

/** The preferred fix for `--user root`, as the quick fix menu titles it. */
const PREFERRED_RUN_AS_ROOT_FIX = 'Run as 1000:1000';

describe('tobs DevKit in code-server, as a user sees it (installed .vsix, examples/tobs)', function () {
  this.timeout(3 * 60_000);
  const cleanup = new Cleanup();
  let workbench: Workbench;
  /** What the engine finds in the example on this host: the editor must show the same. */
  let engine: EngineView;

  before(async function () {
    if (!requireCodeServer()) this.skip();
    const vsix = packagedVsix();
    const folder = workspaceCopy(EXAMPLE_DIR, cleanup);
    engine = EngineView.of(folder, await hostFactsOfThisMachine());
    const server = await startCodeServer({ folder, trusted: true, vsix }, cleanup);
    workbench = await Workbench.open(await launchChromium(cleanup), server.workbenchUrl(), 'ui');
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && workbench) await workbench.screenshot('failed');
  });

  after(() => cleanup.run());

  it('shows squiggles in the Dockerfile, and the 16 seed rules (and what this host adds) in the Problems panel', async () => {
    await workbench.openFile('Dockerfile');
    await workbench.page.locator('.editor-instance .squiggly-warning').first().waitFor({ timeout: UI_TIMEOUT_MS });
    await workbench.page.locator('.editor-instance .squiggly-info').first().waitFor({ timeout: UI_TIMEOUT_MS });
    await workbench.screenshot('squiggles');

    await workbench.showProblems(true);
    const expected = engine.rules();
    // Give the server its time; when a row never comes, the assertions below say which.
    await waitFor('the rows the engine expects', async () => new Set((await workbench.problemRows()).map((r) => r.rule)).size >= expected.size).catch(() => undefined);
    await workbench.screenshot('problems');
    const rows = (await workbench.problemRows()).filter((r) => r.source === 'tobs');
    assert.deepEqual([...new Set(rows.map((r) => r.rule))].sort(), [...expected.keys()].sort(), "the panel shows the engine's findings for this host");
    for (const row of rows) assert.equal(row.severity, expected.get(row.rule), `the severity shown for ${row.rule}: ${row.message}`);
    for (const [rule, severity] of SEED_SEVERITY) assert.equal(expected.get(rule), severity, `seed rule ${rule}`);
    await workbench.showProblems(false);
  });

  it('fixes `--user root` through the quick fix menu (Control+.): the text changes and the row goes', async () => {
    await workbench.openFile('run-tobs.sh');
    await workbench.page.locator('.editor-instance .view-line', { hasText: '--user root' }).getByText('root').click();
    await workbench.page.keyboard.press('Control+.');
    const menu = workbench.page.locator('.action-widget');
    const items = menu.locator('.monaco-list-row.action');
    await items.first().waitFor({ timeout: UI_TIMEOUT_MS });
    await workbench.screenshot('quick-fix-menu');
    assert.equal((await items.first().innerText()).trim(), PREFERRED_RUN_AS_ROOT_FIX, 'the preferred fix is the first item');
    // The menu opens with its first item focused: Enter chooses it.
    await workbench.page.keyboard.press('Enter');

    await waitFor('the edit in the editor', async () => /--user 1000:1000/.test(await workbench.editorText()));
    const text = await workbench.editorText();
    assert.doesNotMatch(text, /--user root/);
    await workbench.showProblems(true);
    const rows = await waitFor('the run-as-root row to go', async () => {
      const found = await workbench.problemRows();
      return !found.some((r) => r.rule === 'script/run-as-root') && found;
    });
    assert.ok(rows.some((r) => r.rule === 'script/unquoted-path'), 'the other rows stay');
    await workbench.screenshot('after-quick-fix');
    await workbench.showProblems(false);
  });

  it('"tobs: Fix all problems in workspace" empties the Problems panel (but for what this host adds)', async () => {
    const expected = [...engine.afterFixing('all').rules().keys()].sort();
    assert.deepEqual(expected.filter((rule) => SEED_SEVERITY.has(rule)), [], 'the engine fixes every seed finding');
    await workbench.runCommand('tobs: Fix all problems in workspace');
    await workbench.showProblems(true);
    const shownRules = async () => [...new Set((await workbench.problemRows()).map((r) => r.rule))].sort();
    await waitFor(`the panel to keep only ${JSON.stringify(expected)}`, async () => JSON.stringify(await shownRules()) === JSON.stringify(expected));
    if (!expected.length) await workbench.page.getByText('No problems have been detected in the workspace.').waitFor({ timeout: UI_TIMEOUT_MS });
    await workbench.screenshot('fix-all');
    await workbench.showProblems(false);
  });

  it('"tobs: Detect render GID" from the command palette shows what it found', async () => {
    const render = spawnSync('getent', ['group', 'render'], { encoding: 'utf8' }).stdout.split(':')[2];
    const expected = render ? `tobs: the render group's GID on this host is ${render}.` : 'tobs: this host has no "render" group';
    await workbench.runCommand('tobs: Detect render GID');
    await workbench.notification(expected).waitFor({ timeout: UI_TIMEOUT_MS });
    await workbench.screenshot('detect-render-gid');
  });

  it('shows the container health item in the status bar', async () => {
    // No container of this example exists; without podman or docker the engine is unavailable.
    const expected = findTool('podman') || findTool('docker') ? 'tobs: no container' : 'tobs: engine unavailable';
    await workbench.statusBarItem(expected).waitFor({ timeout: UI_TIMEOUT_MS });
    await workbench.screenshot('status-bar');
  });
});
