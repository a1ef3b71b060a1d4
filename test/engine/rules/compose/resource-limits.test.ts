import { crlf, testRule } from '../../../support/rule-tester';
import { LIMITS_BLOCK, lines, TOBS, TOBS_AFTER, TOBS_COMPOSE } from './fixtures';

const TOBS_FIXED = TOBS_COMPOSE + lines(...LIMITS_BLOCK);
const app = (...body: string[]) => ({ 'compose.yml': lines('services:', '  app:', '    image: x', ...body) });

testRule('compose/resource-limits', {
  valid: [
    { name: 'the tobs after set', files: TOBS_AFTER },
    { name: 'legacy mem_limit', files: app('    mem_limit: 4g') },
    { name: 'legacy cpus', files: app('    cpus: 2') },
    { name: 'a memory limit alone', files: app('    deploy:', '      resources:', '        limits: {memory: 1G}') },
    {
      name: 'limits merged in from an anchor',
      files: { 'compose.yml': lines('x-limits: &limits', '  deploy:', '    resources:', '      limits:', '        cpus: "2"', 'services:', '  app:', '    <<: *limits', '    image: x') },
    },
    { name: 'limits from the service it extends', files: { 'compose.yml': lines('services:', '  base:', '    mem_limit: 1g', '  app:', '    extends: base', '    image: x') } },
    {
      name: 'limits from a service in another compose file',
      files: {
        'compose.yml': lines('services:', '  app:', '    extends:', '      file: compose.common.yml', '      service: base'),
        'compose.common.yml': lines('services:', '  base:', '    image: x', '    cpus: 1'),
      },
    },
    { name: 'extends from a file the project cannot read: no guessing', files: app('    extends:', '      file: hwaccel.yml', '      service: hw') },
    { name: 'suppressed', files: { 'compose.yml': lines('services:', '  # tobs-ignore-next-line compose/resource-limits', '  app:', '    image: x') } },
    {
      name: 'limits found through a service that merges itself (the merge loop ends)',
      files: { 'compose.yml': lines('services:', '  app: &app', '    <<: [*app, *app]', '    image: x', '    mem_limit: 1g') },
    },
  ],
  invalid: [
    {
      name: 'the tobs compose file: limits and reservations as in tobs-after',
      files: TOBS,
      errors: [{ file: 'docker-compose.yml', line: 4, column: 3, message: 'Service tobs has no CPU or memory limits' }],
      output: { 'docker-compose.yml': TOBS_FIXED },
    },
    {
      name: 'the tobs compose file with CRLF line endings',
      files: { 'docker-compose.yml': crlf(TOBS_COMPOSE) },
      errors: [{ line: 4 }],
      output: { 'docker-compose.yml': crlf(TOBS_FIXED) },
    },
    {
      name: 'GPU device reservations are not limits: limits go beside them',
      files: app('    deploy:', '      resources:', '        reservations:', '          devices:', '            - capabilities: [gpu]  # all GPUs', '    restart: always'),
      errors: [{ line: 2 }],
      output: app(
        '    deploy:',
        '      resources:',
        '        reservations:',
        '          devices:',
        '            - capabilities: [gpu]  # all GPUs',
        '        limits:',
        '          cpus: "4"',
        '          memory: 8G',
        '    restart: always',
      ),
    },
    {
      name: 'a limits map with only a pids limit is filled in',
      files: app('    deploy:', '      resources:', '        limits:', '          pids: 100'),
      errors: [{ line: 2 }],
      output: app('    deploy:', '      resources:', '        limits:', '          pids: 100', '          cpus: "4"', '          memory: 8G'),
    },
    {
      name: 'an empty limits key is filled in',
      files: app('    deploy:', '      resources:', '        limits:'),
      errors: [{ line: 2 }],
      output: app('    deploy:', '      resources:', '        limits:', '          cpus: "4"', '          memory: 8G'),
    },
    {
      name: 'flow style, with options from the configuration',
      files: { 'compose.yml': lines('services:', '  app: {image: x, deploy: {replicas: 1}}') },
      options: { resources: { limits: { cpus: '2', memory: '4G' }, reservations: { cpus: '0.5', memory: '512M' } } },
      errors: [{ line: 2, message: 'Service app' }],
      output: {
        'compose.yml': lines('services:', '  app: {image: x, deploy: {replicas: 1, resources: {limits: {cpus: "2", memory: 4G}, reservations: {cpus: "0.5", memory: 512M}}}}'),
      },
    },
    {
      name: 'two services, the first followed by a comment; a file without a final newline',
      files: { 'compose.yml': 'services:\n  app:\n    image: x\n  # the database\n  db:\n    image: y' },
      errors: [{ line: 2 }, { line: 5 }],
      output: { 'compose.yml': `services:\n  app:\n    image: x\n${lines(...LIMITS_BLOCK)}  # the database\n  db:\n    image: y\n${LIMITS_BLOCK.join('\n')}` },
    },
    {
      name: 'deploy merged in from an anchor, without limits: reported, no fix (a deploy written here would replace it)',
      files: { 'compose.yml': lines('x-deploy: &deploy', '  deploy:', '    replicas: 2', 'services:', '  app:', '    <<: *deploy', '    image: x') },
      errors: [{ line: 5 }],
    },
  ],
});
