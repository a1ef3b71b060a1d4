import * as assert from 'node:assert/strict';
import {
  compareVersions,
  composeBuildInvocation,
  composeContainerName,
  composeUpInvocation,
  describeProvider,
  detectComposeProvider,
  findBuildingService,
} from '../../client/src/engine/compose';
import { FakeRunner, fail } from './fake-runner';

/** What podman-compose 1.0.3 (Debian 12) prints for `version`, typo included. */
const PODMAN_COMPOSE_103 = "['podman', '--version', '']\nusing podman version: 4.3.1\npodman-composer version  1.0.3\npodman --version \npodman version 4.3.1\nexit code: 0\n";

describe('client compose support', () => {
  const exists = (files: string[]) => (p: string) => files.includes(p);

  it('finds the first service that builds an existing Dockerfile', () => {
    const text = 'name: demo\nservices:\n  db:\n    image: postgres\n  app:\n    build:\n      context: ./app\n      dockerfile: Containerfile\n    container_name: the-app\n';
    assert.deepEqual(findBuildingService('/w/compose.yaml', text, exists(['/w/app/Containerfile'])), {
      file: '/w/compose.yaml',
      service: 'app',
      dockerfile: '/w/app/Containerfile',
      containerName: 'the-app',
      projectName: 'demo',
    });
  });

  it('takes the short build form and skips services whose Dockerfile is missing', () => {
    const text = 'services:\n  gone:\n    build: ./nowhere\n  tobs:\n    build: .\n';
    assert.equal(findBuildingService('/w/docker-compose.yml', text, exists(['/w/Dockerfile']))?.service, 'tobs');
    assert.equal(findBuildingService('/w/docker-compose.yml', text, exists([])), undefined);
  });

  it('ignores text that is not a compose mapping', () => {
    for (const text of ['', 'services: [1]', ': : :\n  - x', 'just a string']) assert.equal(findBuildingService('/w/compose.yml', text, () => true), undefined);
  });

  it('reads podman-compose 1.0.3 and knows it drops group_add', () => {
    assert.deepEqual(describeProvider('podman-compose', PODMAN_COMPOSE_103), { name: 'podman-compose', version: '1.0.3', isPodmanCompose: true, dropsGroupAdd: true });
    assert.equal(describeProvider('podman-compose', 'podman-compose version 1.2.0').dropsGroupAdd, false);
    assert.deepEqual(describeProvider('docker compose', 'Docker Compose version v2.27.0'), { name: 'docker compose', version: '2.27.0', isPodmanCompose: false, dropsGroupAdd: false });
    // podman ≥ 4.7's `podman compose` may run podman-compose underneath.
    assert.equal(describeProvider('podman compose', `>>>> Executing external compose provider "/usr/bin/podman-compose".\n${PODMAN_COMPOSE_103}`).dropsGroupAdd, true);
  });

  it('detects the provider in order: podman compose, then podman-compose', async () => {
    const runner = new FakeRunner({ 'podman compose': fail(125, 'Error: unrecognized command `podman compose`'), 'podman-compose version': { stdout: PODMAN_COMPOSE_103 } });
    assert.equal((await detectComposeProvider('podman', runner))?.name, 'podman-compose');
    assert.equal(await detectComposeProvider('docker', runner), undefined);
  });

  it('passes the GID through --podman-run-args where group_add is dropped, and builds in docker format', () => {
    const provider = describeProvider('podman-compose', PODMAN_COMPOSE_103);
    const target = { file: '/w s/compose.yaml', service: 'tobs', dockerfile: '/w s/Dockerfile' };
    assert.deepEqual(composeUpInvocation(provider, target, 993), {
      argv: ['podman-compose', '--podman-run-args=--group-add=993', '-f', '/w s/compose.yaml', 'up', '-d', '--force-recreate', '--', 'tobs'],
      env: { RENDER_GID: '993', BUILDAH_FORMAT: 'docker' },
    });
    assert.deepEqual(composeBuildInvocation(provider, target, undefined), { argv: ['podman-compose', '-f', '/w s/compose.yaml', 'build', '--', 'tobs'], env: { BUILDAH_FORMAT: 'docker' } });
    const dockerCompose = describeProvider('docker compose', 'Docker Compose version v2.27.0');
    assert.deepEqual(composeUpInvocation(dockerCompose, target, 993).argv, ['docker', 'compose', '-f', '/w s/compose.yaml', 'up', '-d', '--force-recreate', '--', 'tobs']);
  });

  it("names the container like each provider does", () => {
    const target = { file: '/home/u/My Proj.v2/compose.yaml', service: 'tobs', dockerfile: '/x' };
    assert.equal(composeContainerName(describeProvider('podman-compose', PODMAN_COMPOSE_103), target), 'myprojv2_tobs_1');
    assert.equal(composeContainerName(describeProvider('docker compose', 'v2.27.0'), target), 'myprojv2-tobs-1');
    assert.equal(composeContainerName(describeProvider('docker compose', 'v2.27.0'), { ...target, containerName: 'tobs' }), 'tobs');
  });

  it('compares versions numerically', () => {
    assert.ok(compareVersions('1.0.10', '1.0.9') > 0);
    assert.ok(compareVersions('1.0', '1.0.0') === 0);
    assert.ok(compareVersions('unknown', '1.1.0') < 0);
  });
});
