import * as assert from 'node:assert/strict';
import { candidates, classifyProbeFailure, detectEngine } from '../../client/src/engine/engines';
import { FakeRunner, fail } from './fake-runner';

describe('client engine detection', () => {
  it('auto tries podman first, then docker', () => {
    assert.deepEqual(candidates('auto'), ['podman', 'docker']);
    assert.deepEqual(candidates('docker'), ['docker']);
  });

  it('picks podman when it answers', async () => {
    const runner = new FakeRunner({ 'podman version': { stdout: '4.3.1\n' }, 'docker version': { stdout: '27.0.1\n' } });
    assert.deepEqual(await detectEngine('auto', runner), { ok: true, engine: { name: 'podman', version: '4.3.1' } });
    assert.equal(runner.calls.length, 1);
  });

  it('falls back to docker and asks for the server version (a bare client is not an engine)', async () => {
    const runner = new FakeRunner({ 'docker version': { stdout: '27.0.1\n' } });
    const detection = await detectEngine('auto', runner);
    assert.deepEqual(detection, { ok: true, engine: { name: 'docker', version: '27.0.1' } });
    assert.deepEqual(runner.calls[1], ['docker', 'version', '--format', '{{.Server.Version}}']);
  });

  it('says clearly when nothing is installed', async () => {
    const detection = await detectEngine('auto', new FakeRunner({}));
    assert.equal(detection.ok, false);
    if (detection.ok) return;
    assert.equal(detection.problem.kind, 'not-installed');
    assert.match(detection.problem.message, /^No container engine found: neither podman nor docker is on PATH/);
  });

  it('prefers the installed-but-broken engine in the message', async () => {
    const runner = new FakeRunner({ 'docker version': fail(1, 'permission denied while trying to connect to the Docker daemon socket at unix:///var/run/docker.sock') });
    const detection = await detectEngine('auto', runner);
    assert.ok(!detection.ok && detection.problem.kind === 'no-permission');
    assert.ok(!detection.ok && /docker group/.test(detection.problem.message));
  });

  it('names the configured engine when it is the one missing', async () => {
    const detection = await detectEngine('podman', new FakeRunner({ 'docker version': { stdout: '1' } }));
    assert.ok(!detection.ok && detection.problem.message === 'podman is not installed or not on PATH (tobs.containerEngine is "podman").');
  });

  it('classifies probe failures', () => {
    const base = { argv: ['docker'], exitCode: 1, stdout: '', cancelled: false };
    assert.equal(classifyProbeFailure({ ...base, stderr: 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?' }), 'not-running');
    assert.equal(classifyProbeFailure({ ...base, stderr: 'Error: something odd' }), 'failed');
  });
});
