import * as assert from 'node:assert/strict';
import { isNoSuchContainer, parseInspect } from '../../client/src/engine/inspect';

const podman43 = [
  {
    Name: 'tobs',
    ImageName: 'localhost/tobs:latest',
    State: {
      Status: 'running',
      Running: true,
      ExitCode: 0,
      StartedAt: '2026-01-02T03:04:05.123456789Z',
      Healthcheck: { Status: 'unhealthy', FailingStreak: 3, Log: [{ Start: 's', End: '2026-01-02T03:05:00Z', ExitCode: 1, Output: 'boom\nlast words\n' }] },
    },
    Config: { Image: 'localhost/tobs:latest', Healthcheck: { Test: ['CMD-SHELL', 'exit 1'] } },
    HostConfig: { GroupAdd: ['993'] },
  },
];

const docker = [
  {
    Name: '/tobs',
    State: { Status: 'exited', Running: false, ExitCode: 137, StartedAt: '2026-01-02T03:04:05Z', Health: { Status: 'healthy', FailingStreak: 0, Log: [] } },
    Config: { Image: 'tobs:latest', Healthcheck: { Test: ['CMD', 'true'] } },
    HostConfig: { GroupAdd: null },
  },
];

describe('client inspect parsing', () => {
  it("reads podman's .State.Healthcheck", () => {
    const state = parseInspect(JSON.stringify(podman43));
    assert.equal(state.name, 'tobs');
    assert.equal(state.image, 'localhost/tobs:latest');
    assert.equal(state.running, true);
    assert.equal(state.startedAt?.toISOString(), '2026-01-02T03:04:05.123Z');
    assert.deepEqual(state.health, { status: 'unhealthy', failingStreak: 3, last: { exitCode: 1, output: 'boom\nlast words', end: '2026-01-02T03:05:00Z' } });
    assert.deepEqual(state.groupAdd, ['993']);
  });

  it("reads docker's .State.Health, its leading slash and a stopped container", () => {
    const state = parseInspect(JSON.stringify(docker));
    assert.equal(state.name, 'tobs');
    assert.equal(state.image, 'tobs:latest');
    assert.equal(state.running, false);
    assert.equal(state.exitCode, 137);
    assert.equal(state.health?.status, 'healthy');
    assert.equal(state.health?.last, undefined);
  });

  it('knows a container without HEALTHCHECK (or with NONE)', () => {
    const none = [{ ...docker[0], State: { Status: 'running', Running: true }, Config: { Healthcheck: { Test: ['NONE'] } } }];
    const state = parseInspect(JSON.stringify(none));
    assert.equal(state.hasHealthcheck, false);
    assert.equal(state.health, undefined);
    assert.equal(state.startedAt, undefined);
  });

  it('throws on output that is not an inspect array', () => {
    assert.throws(() => parseInspect('[]'), /no container/);
    assert.throws(() => parseInspect('not json'));
  });

  it('recognises both engines\' "no such container"', () => {
    assert.ok(isNoSuchContainer('Error: no container with name or ID "tobs" found: no such container'));
    assert.ok(isNoSuchContainer('Error: No such container: tobs'));
    assert.ok(!isNoSuchContainer('Error: permission denied'));
  });
});
