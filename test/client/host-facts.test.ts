// The answer to the language server's `tobs/hostFacts`: the same probes as Build & Run, run once.

import * as assert from 'node:assert/strict';
import { detectHostFacts, HostFactsCache } from '../../client/src/engine/host-facts';
import { FakeRunner, fail } from './fake-runner';

const PODMAN_COMPOSE_103 = "['podman', '--version', '']\nusing podman version: 4.3.1\npodman-composer version  1.0.3\npodman --version \npodman version 4.3.1\nexit code: 0\n";
const noGroupFile = async () => undefined;

describe('client host facts', () => {
  it('podman with podman-compose 1.0.3 and a render group', async () => {
    const runner = new FakeRunner({
      'podman version': { stdout: '4.3.1\n' },
      'podman compose': fail(125, 'Error: unrecognized command `podman compose`'),
      'podman-compose version': { stdout: PODMAN_COMPOSE_103 },
      'getent group render': { stdout: 'render:x:109:\n' },
    });
    assert.deepEqual(await detectHostFacts('auto', runner, noGroupFile), { engine: 'podman', composeProvider: 'podman-compose', composeProviderVersion: '1.0.3', renderGid: 109 });
  });

  it('`podman compose` running podman-compose underneath reports podman-compose, whose limits apply', async () => {
    const runner = new FakeRunner({
      'podman version': { stdout: '5.2.0\n' },
      'podman compose version': { stdout: `>>>> Executing external compose provider "/usr/bin/podman-compose".\n${PODMAN_COMPOSE_103}` },
      'getent group render': fail(2, ''),
    });
    assert.deepEqual(await detectHostFacts('podman', runner, noGroupFile), { engine: 'podman', composeProvider: 'podman-compose', composeProviderVersion: '1.0.3' });
  });

  it('docker with the compose plugin; the render group from /etc/group when getent is missing', async () => {
    const runner = new FakeRunner({ 'docker version': { stdout: '28.2.2\n' }, 'docker compose version': { stdout: 'Docker Compose version v2.29.1\n' } });
    const facts = await detectHostFacts('docker', runner, async () => 'root:x:0:\nrender:x:993:\n');
    assert.deepEqual(facts, { engine: 'docker', composeProvider: 'docker compose', composeProviderVersion: '2.29.1', renderGid: 993 });
  });

  it('no engine: only what getent knows', async () => {
    const runner = new FakeRunner({ 'getent group render': { stdout: 'render:x:988:\n' } });
    assert.deepEqual(await detectHostFacts('auto', runner, noGroupFile), { renderGid: 988 });
  });

  it('detects once, again after reset, and answers {} when detecting fails', async () => {
    let detections = 0;
    const cache = new HostFactsCache(async () => ({ renderGid: ++detections }));
    assert.deepEqual(await cache.get(), { renderGid: 1 });
    assert.deepEqual(await cache.get(), { renderGid: 1 });
    cache.reset();
    assert.deepEqual(await cache.get(), { renderGid: 2 });
    assert.deepEqual(await new HostFactsCache(() => Promise.reject(new Error('boom'))).get(), {});
  });
});
