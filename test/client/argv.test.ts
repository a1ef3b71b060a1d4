import * as assert from 'node:assert/strict';
import { buildArgv, deviceHostPath, parseMount, runArgv } from '../../client/src/engine/argv';

describe('client argv builders', () => {
  it('builds with --format docker on podman (HEALTHCHECK survives) and not on docker', () => {
    const spec = { image: 'tobs:latest', context: '/w s', dockerfile: '/w s/Dockerfile', buildArgs: { PYTHON_VERSION: '3.12.1' } };
    assert.deepEqual(buildArgv('podman', spec), ['podman', 'build', '--format', 'docker', '-t', 'tobs:latest', '-f', '/w s/Dockerfile', '--build-arg', 'PYTHON_VERSION=3.12.1', '/w s']);
    assert.deepEqual(buildArgv('docker', { image: 'x', context: '.' }), ['docker', 'build', '-t', 'x', '.']);
  });

  it('runs detached with numeric groups, devices, one element per mount', () => {
    const argv = runArgv('podman', {
      name: 'tobs',
      image: 'tobs:latest',
      groups: [993],
      mounts: [{ host: '/home/a b/export', container: '/app/export', options: 'Z' }],
      devices: ['/dev/dri'],
      env: { A: '1; rm -rf /' },
    });
    assert.deepEqual(argv, ['podman', 'run', '-d', '--name', 'tobs', '--group-add', '993', '--device', '/dev/dri', '-v', '/home/a b/export:/app/export:Z', '-e', 'A=1; rm -rf /', '--', 'tobs:latest']);
  });

  it('parses volume settings: relative, ${workspaceFolder}, ~, options, spaces', () => {
    const ws = '/work/my project';
    assert.deepEqual(parseMount('./export:/app/export', ws, '/home/u'), { host: '/work/my project/export', container: '/app/export' });
    assert.deepEqual(parseMount('${workspaceFolder}/data dir:/app/data:ro', ws, '/home/u'), { host: '/work/my project/data dir', container: '/app/data', options: 'ro' });
    assert.deepEqual(parseMount('~/models:/app/models', ws, '/home/u'), { host: '/home/u/models', container: '/app/models' });
    assert.deepEqual(parseMount('/abs:/x', ws, '/home/u'), { host: '/abs', container: '/x' });
  });

  it('rejects volume entries that are not host:container with an absolute container path', () => {
    for (const bad of ['/only-host', 'a:relative', 'a::b', 'a:/b:c:d', '']) assert.equal(parseMount(bad, '/w', '/h'), undefined, bad);
  });

  it('takes the host side of a device', () => {
    assert.equal(deviceHostPath('/dev/dri/renderD128:/dev/dri/renderD128:rwm'), '/dev/dri/renderD128');
    assert.equal(deviceHostPath('/dev/dri'), '/dev/dri');
  });
});
