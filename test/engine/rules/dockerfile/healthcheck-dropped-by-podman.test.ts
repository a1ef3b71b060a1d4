import * as assert from 'node:assert/strict';
import { crlf, lintFiles, testRule } from '../../../support/rule-tester';

const DOCKERFILE = 'FROM python:3.12-slim\nHEALTHCHECK --interval=30s CMD python -c "import sys"\nCMD ["python", "-m", "app"]\n';
const SCRIPT = (build: string) => `#!/usr/bin/env bash\nset -euo pipefail\nIMAGE=app:latest\n${build}\npodman run --rm "$IMAGE"\n`;
const COMPOSE = 'services:\n  app:\n    build: .\n    image: app:latest\n';

testRule('dockerfile/healthcheck-dropped-by-podman', {
  valid: [
    { name: 'built with --format docker', files: { Dockerfile: DOCKERFILE, 'run.sh': SCRIPT('podman build --format docker -t "$IMAGE" .') } },
    { name: 'built with --format=docker', files: { Dockerfile: DOCKERFILE, 'run.sh': SCRIPT('podman build --format=docker -t "$IMAGE" .') } },
    { name: 'BUILDAH_FORMAT exported in the script', files: { Dockerfile: DOCKERFILE, 'run.sh': SCRIPT('export BUILDAH_FORMAT=docker\npodman build -t "$IMAGE" .') } },
    { name: 'BUILDAH_FORMAT on the command', files: { Dockerfile: DOCKERFILE, 'run.sh': SCRIPT('BUILDAH_FORMAT=docker podman build -t "$IMAGE" .') } },
    { name: 'docker keeps HEALTHCHECK', files: { Dockerfile: DOCKERFILE, 'run.sh': SCRIPT('docker build -t "$IMAGE" .') } },
    { name: 'an engine variable on a docker host', files: { Dockerfile: DOCKERFILE, 'run.sh': SCRIPT('ENGINE=${ENGINE:-$(command -v podman || command -v docker)}\n"$ENGINE" build -t "$IMAGE" .') }, host: { engine: 'docker' } },
    { name: 'no HEALTHCHECK to drop', files: { Dockerfile: 'FROM python:3.12-slim\nCMD ["python"]\n', 'run.sh': SCRIPT('podman build -t "$IMAGE" .') } },
    { name: 'HEALTHCHECK NONE', files: { Dockerfile: 'FROM python:3.12-slim\nHEALTHCHECK NONE\n', 'run.sh': SCRIPT('podman build -t "$IMAGE" .') } },
    { name: 'a build of another Dockerfile', files: { Dockerfile: DOCKERFILE, 'run.sh': SCRIPT('podman build -f other/Containerfile -t other .') } },
    { name: 'a build target without the HEALTHCHECK', files: { Dockerfile: `FROM python:3.12 AS test\nRUN true\n${DOCKERFILE}`, 'run.sh': SCRIPT('podman build --target test -t app-test .') } },
    { name: 'compose on a host whose engine is unknown', files: { Dockerfile: DOCKERFILE, 'docker-compose.yml': COMPOSE } },
    { name: 'docker compose on a podman host builds through the API (Docker format)', files: { Dockerfile: DOCKERFILE, 'docker-compose.yml': COMPOSE }, host: { engine: 'podman', composeProvider: 'docker compose' } },
    {
      name: 'podman-compose, but the service has a healthcheck of its own',
      files: { Dockerfile: DOCKERFILE, 'docker-compose.yml': `${COMPOSE}    healthcheck:\n      test: ["CMD", "true"]\n` },
      host: { composeProvider: 'podman-compose' },
    },
    {
      name: 'the script runs podman-compose with the format',
      files: { Dockerfile: DOCKERFILE, 'docker-compose.yml': COMPOSE, 'up.sh': "#!/bin/sh\nexport BUILDAH_FORMAT=docker\npodman-compose up -d --build\npodman-compose --podman-build-args='--format docker' build\n" },
      host: { composeProvider: 'podman-compose' },
    },
  ],
  invalid: [
    {
      name: 'the seed: the script builds with podman; the fix adds --format docker',
      files: { Dockerfile: DOCKERFILE, 'run.sh': SCRIPT('if ! podman image exists "$IMAGE"; then\n  podman build -t "$IMAGE" .\nfi') },
      errors: [{ line: 2, column: 1, message: 'podman builds this image (run.sh) in its default OCI format' }],
      output: { 'run.sh': SCRIPT('if ! podman image exists "$IMAGE"; then\n  podman build --format docker -t "$IMAGE" .\nfi') },
    },
    {
      name: 'an engine variable on a podman host, sudo, explicit OCI format, and a second build',
      files: {
        Dockerfile: DOCKERFILE,
        'build.sh': '#!/bin/sh\nENGINE=${ENGINE:-podman}\nsudo "$ENGINE" build --format oci -t app .\n$ENGINE build . -t app:dev\n',
      },
      host: { engine: 'podman' },
      errors: [{ line: 2 }],
      output: { 'build.sh': '#!/bin/sh\nENGINE=${ENGINE:-podman}\nsudo "$ENGINE" build --format docker -t app .\n$ENGINE build --format docker . -t app:dev\n' },
    },
    {
      name: "podman-compose builds it: the service gets the image's health check (shell form)",
      files: { Dockerfile: DOCKERFILE, 'docker-compose.yml': COMPOSE },
      host: { engine: 'podman', composeProvider: 'podman-compose' },
      errors: [{ line: 2, message: '(docker-compose.yml)' }],
      output: { 'docker-compose.yml': `${COMPOSE}    healthcheck:\n      test: ["CMD-SHELL", "python -c \\"import sys\\""]\n      interval: 30s\n` },
    },
    {
      name: 'a script runs podman-compose; exec form, continued lines, a healthcheck with timing only',
      files: {
        Dockerfile: 'FROM python:3.12-slim\nHEALTHCHECK --interval=10s --retries=5 \\\n    CMD ["curl", "-f", "http://localhost:8000/health"]\n',
        'docker-compose.yml': `${COMPOSE}    healthcheck:\n      interval: 10s\n`,
        'up.sh': '#!/bin/sh\npodman-compose up -d --build\n',
      },
      errors: [{ line: 2, message: '(docker-compose.yml)' }],
      output: { 'docker-compose.yml': `${COMPOSE}    healthcheck:\n      interval: 10s\n      test: ["CMD", "curl", "-f", "http://localhost:8000/health"]\n` },
    },
    {
      name: 'CRLF script',
      files: { Dockerfile: DOCKERFILE, 'run.sh': crlf(SCRIPT('podman build -t "$IMAGE" .')) },
      errors: [{ line: 2 }],
      output: { 'run.sh': crlf(SCRIPT('podman build --format docker -t "$IMAGE" .')) },
    },
  ],
});

describe('dockerfile/healthcheck-dropped-by-podman related locations', () => {
  it('point at each build', () => {
    const [finding] = lintFiles(
      { Dockerfile: DOCKERFILE, 'run.sh': SCRIPT('podman build -t "$IMAGE" .'), 'docker-compose.yml': COMPOSE },
      { host: { engine: 'podman' } },
    ).filter((f) => f.rule === 'dockerfile/healthcheck-dropped-by-podman');
    assert.deepEqual(
      finding.related.map((r) => [r.uri.replace(/.*\//, ''), r.range.start.line + 1, r.message]),
      [
        ['run.sh', 4, 'podman builds the image here without `--format docker`'],
        ['docker-compose.yml', 3, 'compose builds service app with podman here'],
      ],
    );
  });
});
