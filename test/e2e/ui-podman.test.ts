// The container half, as a user does it: "Build & Run tobs" from the command palette on a fixture
// project that builds from a local busybox image, in a real (isolated) podman; the status bar goes
// to `tobs: healthy`; "Stop container" takes it to `tobs: stopped`. Screenshots in
// test-results/e2e/ui-podman/.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { Cleanup } from '../support/cleanup';
import { requireCodeServer, startCodeServer, workspaceCopy } from '../support/code-server';
import { REPO_ROOT } from '../support/paths';
import { podmanAvailable, setUpPodman } from '../support/podman';
import { packagedVsix } from '../support/vsix';
import { launchChromium, Workbench } from '../support/workbench';

const FIXTURE = path.join(REPO_ROOT, 'test/fixtures/podman-project');
/** A first build imports nothing from a registry, but a loaded 2-core CI machine is slow. */
const CONTAINER_TIMEOUT_MS = 3 * 60_000;

describe('tobs DevKit in code-server with a real podman (installed .vsix, fixture project)', function () {
  this.timeout(CONTAINER_TIMEOUT_MS + 60_000);
  const cleanup = new Cleanup();
  let workbench: Workbench;

  before(async function () {
    if (!requireCodeServer() || !podmanAvailable()) this.skip();
    const podman = await setUpPodman();
    cleanup.add('remove the podman test environment', () => podman.teardown());
    const folder = workspaceCopy(FIXTURE, cleanup);
    // The compose file mounts "./data dir"; the container's user 1000 writes to it.
    fs.mkdirSync(path.join(folder, 'data dir'), { mode: 0o777 });
    fs.chmodSync(path.join(folder, 'data dir'), 0o777);
    fs.mkdirSync(path.join(folder, '.vscode'));
    fs.writeFileSync(path.join(folder, '.vscode/settings.json'), JSON.stringify({ 'tobs.containerEngine': 'podman' }, null, 2));
    const server = await startCodeServer({ folder, trusted: true, vsix: packagedVsix(), env: podman.env }, cleanup);
    workbench = await Workbench.open(await launchChromium(cleanup), server.workbenchUrl(), 'ui-podman');
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && workbench) await workbench.screenshot('failed');
  });

  after(() => cleanup.run());

  it('shows `tobs: no container` before anything ran', async () => {
    await workbench.statusBarItem('tobs: no container').waitFor({ timeout: CONTAINER_TIMEOUT_MS });
  });

  it('"Build & Run tobs" from the command palette builds, starts, and the status bar turns `tobs: healthy`', async () => {
    await workbench.runCommand('tobs: Build & Run tobs');
    await workbench.statusBarItem('tobs: healthy').waitFor({ timeout: CONTAINER_TIMEOUT_MS });
    await workbench.notification(/is running/).waitFor({ timeout: CONTAINER_TIMEOUT_MS });
    await workbench.screenshot('healthy');
  });

  it('"Stop container" takes the status bar to `tobs: stopped`', async () => {
    await workbench.runCommand('tobs: Stop container');
    await workbench.statusBarItem('tobs: stopped').waitFor({ timeout: CONTAINER_TIMEOUT_MS });
    await workbench.screenshot('stopped');
  });
});
