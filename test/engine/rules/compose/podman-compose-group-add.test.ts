import { testRule } from '../../../support/rule-tester';
import { lines, TOBS, TOBS_AFTER } from './fixtures';

const PODMAN_COMPOSE_103 = { engine: 'podman', composeProvider: 'podman-compose', composeProviderVersion: '1.0.3' } as const;
const two = lines('services:', '  a:', '    image: x', '    group_add: [video]', '  b:', '    image: y', '    group_add:', '      - ${RENDER_GID:-988}');

testRule('compose/podman-compose-group-add', {
  valid: [
    { name: 'without host facts (the CLI and the scenario by default)', files: TOBS },
    { name: 'docker compose', files: TOBS_AFTER, host: { engine: 'docker', composeProvider: 'docker compose', composeProviderVersion: '2.29.1' } },
    { name: 'podman compose', files: TOBS_AFTER, host: { engine: 'podman', composeProvider: 'podman compose', composeProviderVersion: '5.2.0' } },
    { name: 'podman-compose 1.0.6 passes group_add on', files: TOBS_AFTER, host: { ...PODMAN_COMPOSE_103, composeProviderVersion: '1.0.6' } },
    { name: 'podman-compose 1.2.0', files: TOBS_AFTER, host: { ...PODMAN_COMPOSE_103, composeProviderVersion: '1.2.0' } },
    { name: 'podman-compose of unknown version', files: TOBS_AFTER, host: { engine: 'podman', composeProvider: 'podman-compose' } },
    { name: 'no group_add', files: { 'compose.yml': lines('services:', '  a:', '    image: x') }, host: PODMAN_COMPOSE_103 },
    { name: 'an empty group_add', files: { 'compose.yml': lines('services:', '  a:', '    image: x', '    group_add: []') }, host: PODMAN_COMPOSE_103 },
    { name: 'suppressed', files: { 'compose.yml': lines('services:', '  a:', '    image: x', '    # tobs-ignore-next-line compose/podman-compose-group-add', '    group_add: [video]') }, host: PODMAN_COMPOSE_103 },
  ],
  invalid: [
    {
      name: 'the tobs compose file under podman-compose 1.0.3',
      files: TOBS,
      host: PODMAN_COMPOSE_103,
      errors: [{ file: 'docker-compose.yml', line: 22, column: 5, message: 'podman-compose 1.0.3, which ignores `group_add`' }],
    },
    { name: 'once per file, on the first group_add', files: { 'compose.yml': two }, host: PODMAN_COMPOSE_103, errors: [{ line: 4, column: 5, message: '--podman-run-args=--group-add=<gid>' }] },
    {
      name: 'a group_add merged in from an anchor earlier in the file',
      files: { 'compose.yml': lines('x-gpu: &gpu', '  group_add: ["988"]', 'services:', '  a:', '    <<: *gpu', '    image: x') },
      host: { ...PODMAN_COMPOSE_103, composeProviderVersion: '0.1.5' },
      errors: [{ line: 2, column: 3, message: '0.1.5' }],
    },
  ],
});
