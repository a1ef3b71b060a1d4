import * as assert from 'node:assert/strict';
import { HealthMonitor, type HealthUpdate } from '../../client/src/health/monitor';
import { DEFAULT_SETTINGS } from '../../client/src/settings';
import { FakeRunner, fail } from './fake-runner';

const inspect = (health: string) =>
  JSON.stringify([{ Name: 'tobs', ImageName: 'tobs:latest', State: { Status: 'running', Running: true, Health: { Status: health, FailingStreak: 0, Log: [] } }, Config: { Healthcheck: { Test: ['CMD', 'true'] } } }]);

function monitor(runner: FakeRunner, systemd = false) {
  const updates: HealthUpdate[] = [];
  const m = new HealthMonitor({ runner, settings: () => DEFAULT_SETTINGS, containerName: async () => 'tobs', systemdRunning: () => systemd, onUpdate: (u) => updates.push(u) });
  return { m, updates };
}

describe('client health monitor (scripted engine)', () => {
  it('runs `podman healthcheck run` when podman has no systemd, then reads the result', async () => {
    let checked = false;
    const runner = new FakeRunner({
      'podman version': { stdout: '4.3.1' },
      'podman container inspect -- tobs': () => ({ stdout: inspect(checked ? 'healthy' : 'starting') }),
      'podman healthcheck run -- tobs': () => ((checked = true), {}),
    });
    const { m, updates } = monitor(runner);
    assert.equal((await m.poll()).view.kind, 'healthy');
    assert.deepEqual(runner.calls.map((c) => c.slice(0, 3).join(' ')), ['podman version --format', 'podman container inspect', 'podman healthcheck run', 'podman container inspect']);
    assert.equal(updates.length, 1);
    m.dispose();
  });

  it('leaves health checks to systemd when it runs', async () => {
    const runner = new FakeRunner({ 'podman version': { stdout: '4.3.1' }, 'podman container inspect -- tobs': { stdout: inspect('starting') } });
    const { m } = monitor(runner, true);
    assert.equal((await m.poll()).view.kind, 'starting');
    assert.ok(!runner.calls.some((c) => c[1] === 'healthcheck'));
    m.dispose();
  });

  it('reports no container and engine unavailable', async () => {
    const none = monitor(new FakeRunner({ 'podman version': { stdout: '4.3.1' }, 'podman container inspect': fail(125, 'Error: no container with name or ID "tobs" found: no such container') }));
    assert.equal((await none.m.poll()).view.text, '$(question) tobs: no container');
    none.m.dispose();
    const unavailable = monitor(new FakeRunner({}));
    const update = await unavailable.m.poll();
    assert.equal(update.view.kind, 'engine-unavailable');
    assert.match(update.view.tooltip[0], /^No container engine found/);
    unavailable.m.dispose();
  });

  it('joins a poll already running', async () => {
    const runner = new FakeRunner({ 'podman version': { stdout: '4.3.1' }, 'podman container inspect -- tobs': { stdout: inspect('healthy') } });
    const { m } = monitor(runner, true);
    const [a, b] = await Promise.all([m.poll(), m.poll()]);
    assert.equal(a, b);
    assert.equal(runner.calls.length, 2);
    m.dispose();
  });
});
