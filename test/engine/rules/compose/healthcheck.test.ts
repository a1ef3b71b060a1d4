import { crlf, testRule } from '../../../support/rule-tester';
import { HEALTHCHECK_BLOCK, lines, TOBS, TOBS_AFTER, TOBS_COMPOSE } from './fixtures';

const TOBS_FIXED = TOBS_COMPOSE + lines(...HEALTHCHECK_BLOCK);
const BUILT = lines('services:', '  app:', '    build: .');
const PLAIN_DOCKERFILE = lines('FROM python:3.12-slim', 'CMD ["python", "-m", "app"]');

testRule('compose/healthcheck', {
  valid: [
    { name: 'the tobs after set', files: TOBS_AFTER },
    { name: 'a healthcheck in the compose file', files: { 'compose.yml': lines('services:', '  app:', '    build: .', '    healthcheck:', '      test: ["CMD", "true"]'), Dockerfile: PLAIN_DOCKERFILE } },
    { name: 'healthcheck disabled on purpose', files: { 'compose.yml': lines('services:', '  app:', '    build: .', '    healthcheck: {disable: true}'), Dockerfile: PLAIN_DOCKERFILE } },
    { name: 'a HEALTHCHECK in the Dockerfile', files: { 'compose.yml': BUILT, Dockerfile: lines('FROM python:3.12-slim', 'HEALTHCHECK CMD python -c "print(1)"') } },
    { name: 'HEALTHCHECK NONE is a decision too', files: { 'compose.yml': BUILT, Dockerfile: lines('FROM python:3.12-slim', 'HEALTHCHECK NONE') } },
    {
      name: 'a HEALTHCHECK inherited from the stage the final stage is built on',
      files: { 'compose.yml': BUILT, Dockerfile: lines('FROM python:3.12-slim AS base', 'HEALTHCHECK CMD true', 'FROM base AS final', 'COPY . /app') },
    },
    {
      name: 'the build target has a HEALTHCHECK',
      files: { 'compose.yml': lines('services:', '  app:', '    build:', '      context: .', '      target: runtime'), Dockerfile: lines('FROM python:3.12-slim AS runtime', 'HEALTHCHECK CMD true', 'FROM runtime AS test', 'RUN pytest') },
    },
    { name: 'an image-only service', files: { 'compose.yml': lines('services:', '  db:', '    image: postgres:16') } },
    { name: 'a Dockerfile the project does not have: no guessing', files: { 'compose.yml': lines('services:', '  app:', '    build:', '      context: .', '      dockerfile: docker/Dockerfile') } },
    {
      name: 'a healthcheck from the service it extends',
      files: { 'compose.yml': lines('services:', '  base:', '    image: x', '    healthcheck: {test: ["CMD", "true"]}', '  app:', '    extends: base', '    build: .'), Dockerfile: lines('FROM base-image') },
    },
  ],
  invalid: [
    {
      name: 'podman-compose re-splits exec-form arguments: CMD-SHELL with the argv quoted',
      files: { 'compose.yml': BUILT, Dockerfile: PLAIN_DOCKERFILE },
      host: { engine: 'podman', composeProvider: 'podman-compose', composeProviderVersion: '1.0.3' },
      errors: [{ line: 2 }],
      output: {
        'compose.yml': lines(
          'services:',
          '  app:',
          '    build: .',
          '    healthcheck:',
          `      test: ["CMD-SHELL", "python -c 'import sys; sys.exit(0)'"]`,
          '      interval: 30s',
          '      timeout: 10s',
          '      start_period: 20s',
          '      retries: 3',
        ),
      },
    },
    {
      name: 'the tobs set: the healthcheck block of tobs-after',
      files: TOBS,
      errors: [{ file: 'docker-compose.yml', line: 4, column: 3, message: 'Service tobs has no healthcheck' }],
      output: { 'docker-compose.yml': TOBS_FIXED },
    },
    {
      name: 'the tobs set with CRLF line endings',
      files: { 'docker-compose.yml': crlf(TOBS_COMPOSE), Dockerfile: crlf(TOBS['Dockerfile']) },
      errors: [{ line: 4 }],
      output: { 'docker-compose.yml': crlf(TOBS_FIXED) },
    },
    {
      name: 'a HEALTHCHECK only in a builder stage does not reach the final image',
      files: { 'compose.yml': BUILT, Dockerfile: lines('FROM python:3.12 AS build', 'HEALTHCHECK CMD true', 'FROM python:3.12-slim', 'COPY --from=build /app /app', 'CMD ["python", "-m", "app"]') },
      errors: [{ line: 2 }],
      output: { 'compose.yml': BUILT + lines(...HEALTHCHECK_BLOCK) },
    },
    {
      name: 'the build target has none, even though the final stage has one',
      files: {
        'compose.yml': lines('services:', '  app:', '    build:', '      context: .', '      target: dev'),
        Dockerfile: lines('FROM python:3.12 AS dev', 'CMD ["python", "-m", "app"]', 'FROM python:3.12-slim', 'HEALTHCHECK CMD true'),
      },
      errors: [{ line: 2 }],
      output: { 'compose.yml': lines('services:', '  app:', '    build:', '      context: .', '      target: dev', ...HEALTHCHECK_BLOCK) },
    },
    {
      name: 'flow style, with the command and timings from the configuration',
      files: { 'compose.yml': lines('services:', '  app: {build: ., ports: ["8000:8000"]}'), Dockerfile: PLAIN_DOCKERFILE },
      options: { healthcheck: { command: ['curl', '-f', 'http://localhost:8000/health'], interval: '1m', timeout: '5s', startPeriod: '1m', retries: 5 } },
      errors: [{ line: 2 }],
      output: {
        'compose.yml': lines(
          'services:',
          '  app: {build: ., ports: ["8000:8000"], healthcheck: {test: ["CMD", "curl", "-f", "http://localhost:8000/health"], interval: 1m, timeout: 5s, start_period: 1m, retries: 5}}',
        ),
      },
    },
    {
      name: 'a Containerfile in a sub-folder context',
      files: { 'compose.yml': lines('services:', '  app:', '    build: ./app  # the api', '  db:', '    image: postgres'), 'app/Containerfile': PLAIN_DOCKERFILE },
      errors: [{ line: 2 }],
      output: { 'compose.yml': lines('services:', '  app:', '    build: ./app  # the api', ...HEALTHCHECK_BLOCK, '  db:', '    image: postgres') },
    },
  ],
});
