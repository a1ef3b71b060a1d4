// The commands' engine layer against a real, isolated podman: build, start with the detected GID
// and a volume path containing a space, health `starting` → `healthy`, stop → `stopped`, and the
// failure paths (no engine, failing build, unhealthy, exits at once). Skips loudly without podman
// (fails under TOBS_REQUIRE_ALL=1).

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildAndRun, resolveContainerName, stop } from '../../../client/src/commands/operations';
import { ContainerEngine } from '../../../client/src/engine/container-engine';
import { TobsError } from '../../../client/src/engine/errors';
import { findGroupGid } from '../../../client/src/engine/gid';
import { NodeProcessRunner } from '../../../client/src/engine/process';
import { HealthMonitor, type HealthUpdate } from '../../../client/src/health/monitor';
import type { ClientSettings } from '../../../client/src/settings';
import { podmanAvailable, podmanComposeAvailable, setUpPodman, type PodmanEnvironment } from '../../support/podman';
import { REPO_ROOT } from '../../support/paths';
import { testContext, type TestContext } from '../support';

const FIXTURE = path.join(REPO_ROOT, 'test/fixtures/podman-project');
const IMAGE = 'localhost/tobs-fixture:latest';
const CONTAINER = 'tobs-fixture';

/** `render` where the host has it, else `video` (always in Debian's base groups). */
const GROUP = fs.existsSync('/etc/group') && findGroupGid(fs.readFileSync('/etc/group', 'utf8'), 'render') !== undefined ? 'render' : 'video';

describe('client engine layer against real podman', function () {
  this.timeout(180_000);
  let podman: PodmanEnvironment | undefined;
  let scratch: string;

  before(async function () {
    if (!podmanAvailable()) return this.skip();
    podman = await setUpPodman();
    // A space in every workspace path: mounts and script paths must survive it.
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'tobs client ws '));
  });

  afterEach(async () => {
    await podman?.podman('rm', '-af', '-t', '0');
  });

  after(async () => {
    await podman?.teardown();
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  });

  /** A copy of the fixture with only `files`, plus a world-writable "data dir". */
  function workspace(name: string, files: string[]): string {
    const dir = path.join(scratch, name);
    fs.mkdirSync(path.join(dir, 'data dir'), { recursive: true });
    fs.chmodSync(path.join(dir, 'data dir'), 0o777);
    for (const file of files) fs.copyFileSync(path.join(FIXTURE, file), path.join(dir, file));
    return dir;
  }

  function context(dir: string, settings: Partial<ClientSettings> = {}): TestContext {
    return testContext(podman!.runner, dir, { containerEngine: 'podman', imageName: IMAGE, containerName: CONTAINER, devices: [], ...settings }, { renderGroup: GROUP });
  }

  function monitor(ctx: TestContext, runHealthcheck: ClientSettings['runHealthcheck']): { poll(): Promise<HealthUpdate>; dispose(): void } {
    const m = new HealthMonitor({
      runner: ctx.runner,
      settings: () => ({ ...ctx.settings, runHealthcheck }),
      containerName: (engine: ContainerEngine) => resolveContainerName(ctx, engine),
      systemdRunning: () => fs.existsSync('/run/systemd/system'),
      onUpdate: () => undefined,
    });
    return { poll: () => m.poll(), dispose: () => m.dispose() };
  }

  async function expectGid(ctx: TestContext, dir: string): Promise<number> {
    const gid = findGroupGid(fs.readFileSync('/etc/group', 'utf8'), GROUP)!;
    assert.ok(ctx.lines.some((l) => l.startsWith(`Render GID: ${gid}`)), ctx.lines.join('\n'));
    // The container wrote its groups into the mounted "data dir": the mount and the GID both worked.
    const started = fs.readFileSync(path.join(dir, 'data dir', 'started.txt'), 'utf8');
    assert.match(started, new RegExp(`\\b${gid}\\b`));
    return gid;
  }

  it('builds directly, starts with the GID and a spaced volume, reports starting → healthy, stops → stopped', async () => {
    const dir = workspace('direct', ['Dockerfile', 'serve.sh']);
    const ctx = context(dir, { volumes: [`${dir}/data dir:/app/data`] });
    const started = await buildAndRun(ctx);
    assert.equal(started.plan.kind, 'direct');
    assert.ok(ctx.lines.some((l) => l.startsWith('Path: direct')));
    assert.ok(ctx.lines.some((l) => l.startsWith('$ podman build --format docker')), 'HEALTHCHECK survives only in docker format');
    assert.equal(started.state.running, true);
    assert.equal(started.state.hasHealthcheck, true);
    const gid = await expectGid(ctx, dir);
    assert.ok(started.state.groupAdd.includes(String(gid)), `group_add ${started.state.groupAdd}`);

    // Without systemd nothing runs the check: with `never` the status stays starting.
    const passive = monitor(ctx, 'never');
    assert.equal((await passive.poll()).view.text, '$(sync~spin) tobs: starting');
    passive.dispose();
    const active = monitor(ctx, 'always');
    const healthy = await active.poll();
    assert.equal(healthy.view.text, '$(pass) tobs: healthy');
    assert.ok(healthy.view.tooltip.includes(`Container: ${CONTAINER}`));

    const stopped = await stop(ctx);
    assert.deepEqual(stopped, { stopped: true, containerName: CONTAINER });
    const afterStop = await active.poll();
    assert.equal(afterStop.view.text, '$(circle-slash) tobs: stopped');
    await podman!.podman('rm', '-f', CONTAINER);
    assert.equal((await active.poll()).view.text, '$(question) tobs: no container');
    active.dispose();
  });

  it('reports an unhealthy container with the promised notice', async () => {
    const dir = workspace('unhealthy', ['Dockerfile', 'serve.sh']);
    const ctx = context(dir);
    await buildAndRun(ctx);
    const engine = new ContainerEngine({ name: 'podman', version: '' }, ctx.runner, ctx.log);
    await engine.run({ name: CONTAINER, image: IMAGE, groups: [], mounts: [], devices: [], env: { TOBS_FAIL_HEALTH: '1' } });
    const m = monitor(ctx, 'never');
    assert.equal((await m.poll()).view.kind, 'starting');
    m.dispose();
    const active = monitor(ctx, 'auto');
    await active.poll(); // the first poll has no previous state to compare with
    const update = await active.poll();
    assert.equal(update.view.text, '$(error) tobs: unhealthy');
    active.dispose();
    const fresh = new HealthMonitor({ runner: ctx.runner, settings: () => ({ ...ctx.settings, runHealthcheck: 'never' }), containerName: async () => CONTAINER, systemdRunning: () => false, onUpdate: () => undefined });
    // A monitor that saw `starting` before announces the change.
    await podman!.podman('rm', '-f', CONTAINER);
    await engine.run({ name: CONTAINER, image: IMAGE, groups: [], mounts: [], devices: [], env: { TOBS_FAIL_HEALTH: '1' } });
    assert.equal((await fresh.poll()).view.kind, 'starting');
    await engine.runHealthcheck(CONTAINER);
    const notice = (await fresh.poll()).notice;
    fresh.dispose();
    assert.equal(notice?.severity, 'error');
    assert.match(notice!.message, /^Container tobs-fixture is unhealthy \(its health check failed 1 time\(s\)\)/);
  });

  it('says a container exited at once, with its last log line', async () => {
    const dir = workspace('exits', ['Dockerfile', 'serve.sh']);
    const ctx = context(dir);
    await buildAndRun(ctx);
    const engine = new ContainerEngine({ name: 'podman', version: '' }, ctx.runner, ctx.log);
    await assert.rejects(
      engine.run({ name: CONTAINER, image: IMAGE, groups: [], mounts: [], devices: [], env: { TOBS_EXIT_AT_ONCE: '1' } }),
      (e: TobsError) => e.kind === 'exited-at-once' && /exited at once .*exit code 3\).*exiting at once as asked/.test(e.message),
    );
  });

  it('fails a broken build with the build-failed message', async () => {
    const dir = workspace('broken', ['serve.sh']);
    fs.writeFileSync(path.join(dir, 'Dockerfile'), 'FROM localhost/busybox\nRUN echo "about to fail" && exit 7\n');
    const ctx = context(dir);
    await assert.rejects(buildAndRun(ctx), (e: TobsError) => e.kind === 'build-failed' && e.message.startsWith(`Building ${IMAGE} failed`));
    assert.ok(ctx.lines.some((l) => l.includes('about to fail')), 'the build output reaches the log');
  });

  it('says no engine is installed when neither podman nor docker is on PATH', async () => {
    const empty = fs.mkdtempSync(path.join(scratch, 'empty-path-'));
    const runner = new NodeProcessRunner({ ...process.env, ...podman!.env, PATH: empty });
    const ctx = testContext(runner, workspace('no-engine', ['Dockerfile', 'serve.sh']), { containerEngine: 'auto' });
    await assert.rejects(buildAndRun(ctx), (e: TobsError) => e.kind === 'engine-unavailable' && /^No container engine found: neither podman nor docker/.test(e.message));
  });

  it('runs the run script when there is no compose file, passing the GID', async () => {
    const dir = workspace('script', ['Dockerfile', 'serve.sh', 'run-tobs.sh']);
    const ctx = context(dir);
    const started = await buildAndRun(ctx);
    assert.equal(started.plan.kind, 'script');
    assert.equal(started.state.running, true);
    await expectGid(ctx, dir);
    assert.equal((await stop(ctx)).stopped, true);
  });

  it('uses podman-compose for a compose file, passing the GID past its group_add gap', async function () {
    if (!podmanComposeAvailable()) return this.skip();
    const dir = workspace('compose', ['Dockerfile', 'serve.sh', 'run-tobs.sh', 'compose.yaml']);
    const ctx = context(dir);
    try {
      const started = await buildAndRun(ctx);
      assert.equal(started.plan.kind, 'compose');
      assert.ok(ctx.lines.some((l) => l.startsWith('Path: compose — podman-compose 1.')), ctx.lines.join('\n'));
      assert.ok(ctx.lines.some((l) => l.includes(' --podman-run-args=--group-add=')), 'podman-compose 1.0 needs the group passed by hand');
      const gid = await expectGid(ctx, dir);
      assert.ok(started.state.groupAdd.includes(String(gid)), `group_add ${started.state.groupAdd}`);
      const active = monitor(ctx, 'auto');
      assert.equal((await active.poll()).view.kind, 'healthy');
      active.dispose();
      assert.equal((await stop(ctx)).stopped, true);
    } finally {
      await podman!.runner.run({ argv: ['podman-compose', '-f', path.join(dir, 'compose.yaml'), 'down', '-t', '0'], cwd: dir });
    }
  });
});
