import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildAndRun, runSpec } from '../../client/src/commands/operations';
import { choosePlan, describePlan } from '../../client/src/commands/plan';
import type { TobsError } from '../../client/src/engine/errors';
import { FakeRunner, fail } from './fake-runner';
import { testContext } from './support';

const PODMAN = { name: 'podman' as const, version: '4.3.1' };

describe('client Build & Run path choice', () => {
  let ws: string;
  beforeEach(() => {
    ws = fs.mkdtempSync(path.join(os.tmpdir(), 'tobs plan '));
    fs.writeFileSync(path.join(ws, 'Dockerfile'), 'FROM scratch\n');
  });
  afterEach(() => fs.rmSync(ws, { recursive: true, force: true }));

  const withProvider = new FakeRunner({ 'podman-compose version': { stdout: 'podman-compose version 1.0.6' } });

  it('takes compose when a compose file builds the Dockerfile and a provider is installed', async () => {
    fs.writeFileSync(path.join(ws, 'docker-compose.yml'), 'services:\n  tobs:\n    build: .\n    container_name: tobs-x\n');
    fs.writeFileSync(path.join(ws, 'run-tobs.sh'), '#!/bin/sh\n');
    const plan = await choosePlan(testContext(withProvider, ws), PODMAN);
    assert.equal(plan.kind, 'compose');
    assert.equal(plan.containerName, 'tobs-x');
    assert.equal(describePlan(plan, ws), 'Path: compose — podman-compose 1.0.6 with docker-compose.yml, service "tobs", container tobs-x');
  });

  it('falls back to the run script, saying why, when no compose provider is installed', async () => {
    fs.writeFileSync(path.join(ws, 'compose.yaml'), 'services:\n  tobs:\n    build: .\n');
    fs.writeFileSync(path.join(ws, 'run-tobs.sh'), '#!/bin/sh\n');
    const ctx = testContext(new FakeRunner({}), ws);
    const plan = await choosePlan(ctx, PODMAN);
    assert.equal(plan.kind, 'script');
    assert.match(ctx.lines[0], /^compose\.yaml builds service "tobs", but no compose provider for podman is installed/);
  });

  it('ignores a compose file whose services build nothing here', async () => {
    fs.writeFileSync(path.join(ws, 'compose.yaml'), 'services:\n  db:\n    image: postgres\n');
    assert.equal((await choosePlan(testContext(withProvider, ws, { runScript: '' }), PODMAN)).kind, 'direct');
  });

  it('fails clearly without a Dockerfile', async () => {
    fs.rmSync(path.join(ws, 'Dockerfile'));
    await assert.rejects(choosePlan(testContext(withProvider, ws), PODMAN), (e: TobsError) => e.kind === 'no-dockerfile');
  });

  it('builds the run spec from the settings, skipping devices the host lacks', () => {
    const ctx = testContext(new FakeRunner({}), ws, { devices: ['/dev/null:/dev/fakegpu', '/dev/tobs-missing'], volumes: ['./data dir:/app/data', 'nonsense'] });
    const spec = runSpec(ctx, 'tobs', 44);
    assert.deepEqual(spec.devices, ['/dev/null:/dev/fakegpu']);
    assert.deepEqual(spec.mounts, [{ host: path.join(ws, 'data dir'), container: '/app/data' }]);
    assert.deepEqual(spec.groups, [44]);
    assert.equal(ctx.lines.filter((l) => l.startsWith('warning: ')).length, 2);
  });

  it('says a port is in use when the engine cannot bind', async () => {
    const runner = new FakeRunner({
      'podman version': { stdout: '4.3.1' },
      'getent group render': fail(2, ''),
      'podman build': {},
      'podman container inspect': fail(125, 'Error: no container with name or ID "tobs" found: no such container'),
      'podman image exists': {},
      'podman run': fail(126, 'Error: rootlessport listen tcp 0.0.0.0:8080: bind: address already in use'),
    });
    const ctx = testContext(runner, ws, { runScript: '', devices: [] });
    await assert.rejects(buildAndRun(ctx), (e: TobsError) => e.kind === 'port-in-use' && /^Cannot start container tobs: a port it publishes is already in use \(Error: rootlessport listen tcp 0\.0\.0\.0:8080: bind: address already in use\)\.$/.test(e.message));
    assert.deepEqual(ctx.steps, ['Detect the container engine', 'Detect the render GID', 'Build the image', 'Start container tobs']);
  });
});
