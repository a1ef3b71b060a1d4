import * as assert from 'node:assert/strict';
import type { ContainerState } from '../../client/src/engine/inspect';
import { formatDuration, healthView, nextPollDelay, noticeFor, shouldRunHealthcheck, type Observation } from '../../client/src/health/state';

const NOW = new Date('2026-01-01T12:00:00Z');

function container(overrides: Partial<ContainerState> = {}): Observation {
  return {
    kind: 'container',
    state: { name: 'tobs', image: 'localhost/tobs:latest', status: 'running', running: true, exitCode: 0, startedAt: new Date('2026-01-01T11:58:30Z'), hasHealthcheck: true, groupAdd: [], ...overrides },
  };
}

describe('client health state machine', () => {
  it('shows the promised text for each state', () => {
    const cases: [Observation, string][] = [
      [container({ health: { status: 'healthy', failingStreak: 0 } }), '$(pass) tobs: healthy'],
      [container({ health: { status: 'starting', failingStreak: 0 } }), '$(sync~spin) tobs: starting'],
      [container(), '$(sync~spin) tobs: starting'],
      [container({ health: { status: 'unhealthy', failingStreak: 3 } }), '$(error) tobs: unhealthy'],
      [container({ running: false, status: 'exited', exitCode: 1, health: { status: 'healthy', failingStreak: 0 } }), '$(circle-slash) tobs: stopped'],
      [container({ hasHealthcheck: false }), '$(play) tobs: running'],
      [{ kind: 'no-container', name: 'tobs' }, '$(question) tobs: no container'],
      [{ kind: 'engine-unavailable', message: 'No container engine found' }, '$(warning) tobs: engine unavailable'],
    ];
    for (const [observation, text] of cases) assert.equal(healthView(observation, NOW).text, text);
  });

  it('puts name, image, uptime and the last health log line in the tooltip', () => {
    const view = healthView(container({ health: { status: 'unhealthy', failingStreak: 1, last: { exitCode: 1, output: 'first\nconnection refused\n' } } }), NOW);
    assert.deepEqual(view.tooltip, ['Container: tobs', 'Image: localhost/tobs:latest', 'Status: running', 'Up: 1m 30s', 'Last health check: exit 1 — connection refused']);
  });

  it('formats durations', () => {
    assert.equal(formatDuration(5_000), '5s');
    assert.equal(formatDuration(3_725_000), '1h 2m');
    assert.equal(formatDuration(90_000_000), '1d 1h');
    assert.equal(formatDuration(-5), '0s');
  });

  it('polls on the interval, slower unfocused, and not at all without a container or engine', () => {
    assert.equal(nextPollDelay('starting', 5, true), 5000);
    assert.equal(nextPollDelay('healthy', 5, false), 30000);
    assert.equal(nextPollDelay('healthy', 30, false), 60000);
    assert.equal(nextPollDelay('stopped', 5, true), 5000);
    assert.equal(nextPollDelay('no-container', 5, true), undefined);
    assert.equal(nextPollDelay('engine-unavailable', 5, true), undefined);
  });

  it('runs the health check itself only for podman without systemd, unless told otherwise', () => {
    const running = (container() as { state: ContainerState }).state;
    assert.equal(shouldRunHealthcheck('auto', 'podman', false, running), true);
    assert.equal(shouldRunHealthcheck('auto', 'podman', true, running), false);
    assert.equal(shouldRunHealthcheck('always', 'podman', true, running), true);
    assert.equal(shouldRunHealthcheck('never', 'podman', false, running), false);
    assert.equal(shouldRunHealthcheck('always', 'docker', false, running), false);
    assert.equal(shouldRunHealthcheck('auto', 'podman', false, { ...running, running: false }), false);
    assert.equal(shouldRunHealthcheck('auto', 'podman', false, { ...running, hasHealthcheck: false }), false);
  });

  it('notifies on becoming unhealthy or stopping, not on the first observation', () => {
    const unhealthy = container({ health: { status: 'unhealthy', failingStreak: 2, last: { exitCode: 1, output: 'port 8080 closed' } } });
    assert.equal(noticeFor(undefined, unhealthy), undefined);
    assert.deepEqual(noticeFor('healthy', unhealthy), { severity: 'error', message: 'Container tobs is unhealthy (its health check failed 2 time(s)): port 8080 closed.' });
    assert.equal(noticeFor('unhealthy', unhealthy), undefined);
    assert.deepEqual(noticeFor('healthy', container({ running: false, exitCode: 137 })), { severity: 'warning', message: 'Container tobs stopped (exit code 137).' });
    assert.equal(noticeFor('healthy', { kind: 'no-container', name: 'tobs' }), undefined);
    assert.equal(noticeFor('unhealthy', container({ health: { status: 'healthy', failingStreak: 0 } }))?.severity, 'info');
  });
});
