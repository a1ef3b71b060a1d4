import { crlf, testRule, type Case, type InvalidCase } from '../../../support/rule-tester';
import { fixedScriptsParse } from './bash-syntax';

const sh = (body: string) => `#!/usr/bin/env bash\nset -euo pipefail\n\n${body}`;
const COMPOSE = 'services:\n  app:\n    build: .\n    image: tobs:latest\n';
const DOCKERFILE = 'FROM python:3.12-slim\n';
/** A project that builds tobs:latest with compose, and a script that runs it. */
const project = (script: string, extra: Record<string, string> = {}) => ({ 'run.sh': script, 'docker-compose.yml': COMPOSE, Dockerfile: DOCKERFILE, ...extra });

const valid: Case[] = [
  { files: { 'run.sh': sh('podman run --rm python:3.12 python -V\n') }, name: 'a public image: the engine pulls it' },
  { files: project(sh('podman run --rm docker.io/library/redis:7\n')), name: 'a public image next to a project image' },
  {
    name: 'the tobs-after shape',
    files: project(sh('IMAGE=tobs:latest\nif ! podman image exists "$IMAGE"; then\n  podman build --format docker -t "$IMAGE" .\nfi\npodman run --rm "$IMAGE"\n')),
  },
  { files: project(sh('docker image inspect tobs >/dev/null 2>&1 || docker build -t tobs .\ndocker run --rm tobs:latest\n')), name: 'inspect || build' },
  { files: project(sh('podman build -t tobs:latest .\npodman run --rm tobs:latest\n')), name: 'an unconditional build first' },
  { files: project(sh('cd "$(dirname "$0")" && podman build -t tobs:latest .\npodman run --rm tobs:latest\n')), name: 'a build after cd &&' },
  { files: project(sh('docker compose build\ndocker run --rm tobs\n')), name: 'compose builds it first' },
  { files: project(sh('podman-compose build app\npodman run --rm tobs\n')) },
  { files: project(sh('docker pull tobs:latest\ndocker run --rm tobs:latest\n')), name: 'pulled explicitly' },
  { files: project(sh('docker run --rm "$1"\n')), name: 'an image the script cannot know' },
  { files: project(sh('# tobs-ignore-next-line script/image-exists-check\npodman run --rm tobs:latest\n')), name: 'suppressed' },
];

const guard = (check: string, build: string, image = '$IMAGE', indent = '') =>
  [`${indent}if ! ${check}; then`, `${indent}  echo "Image ${image} not found; building it..." >&2`, `${indent}  ${build}`, `${indent}fi`, '', ''].join('\n');

const invalid: InvalidCase[] = [
  {
    name: 'the seed: podman run $IMAGE of the compose-built image',
    files: project(sh('IMAGE=tobs:latest\n\npodman run --rm -it \\\n  --device /dev/dri \\\n  $IMAGE "$@"\n')),
    errors: [{ line: 8, column: 3, message: 'runs tobs:latest, which this project builds, without checking that it exists' }],
    output: {
      'run.sh': sh(`IMAGE=tobs:latest\n\n${guard('podman image exists "$IMAGE"', 'podman build --format docker -t "$IMAGE" .')}podman run --rm -it \\\n  --device /dev/dri \\\n  $IMAGE "$@"\n`),
    },
  },
  {
    name: 'docker, a literal image and a build that may not run',
    files: project(sh('if [ "${1:-}" = --build ]; then\n  docker build -t tobs .\nfi\ndocker run --rm tobs\n')),
    errors: [{ line: 7, column: 17 }],
    output: {
      'run.sh': sh(`if [ "\${1:-}" = --build ]; then\n  docker build -t tobs .\nfi\n${guard('docker image inspect tobs >/dev/null 2>&1', 'docker build -t tobs .', 'tobs')}docker run --rm tobs\n`),
    },
  },
  {
    name: 'a build after a test && may not run',
    files: project(sh('[ -n "${BUILD:-}" ] && docker build -t tobs .\ndocker run --rm tobs\n')),
    errors: [{ line: 5 }],
    output: {
      'run.sh': sh(`[ -n "\${BUILD:-}" ] && docker build -t tobs .\n${guard('docker image inspect tobs >/dev/null 2>&1', 'docker build -t tobs .', 'tobs')}docker run --rm tobs\n`),
    },
  },
  {
    name: 'a lookup of another image does not count',
    files: project(sh('podman image exists redis || podman pull redis\npodman run --rm tobs:latest\n')),
    errors: [{ line: 5 }],
    output: {
      'run.sh': sh(`podman image exists redis || podman pull redis\n${guard('podman image exists tobs:latest', 'podman build --format docker -t tobs:latest .', 'tobs:latest')}podman run --rm tobs:latest\n`),
    },
  },
  {
    name: 'an engine in a variable, behind sudo, inside a function, in a command substitution',
    files: project(sh('ENGINE="${ENGINE:-$(command -v podman || command -v docker)}"\nstart() {\n    cid=$(sudo $ENGINE run -d "$IMAGE")\n}\nIMAGE=tobs:latest\nstart\n')),
    errors: [{ line: 6, column: 31 }],
    output: {
      'run.sh': sh(
        [
          'ENGINE="${ENGINE:-$(command -v podman || command -v docker)}"',
          'start() {',
          '    if ! sudo $ENGINE image inspect "$IMAGE" >/dev/null 2>&1; then',
          '        echo "Image $IMAGE not found; building it..." >&2',
          '        sudo $ENGINE build -t "$IMAGE" .',
          '    fi',
          '',
          '    cid=$(sudo $ENGINE run -d "$IMAGE")',
          '}',
          'IMAGE=tobs:latest',
          'start',
          '',
        ].join('\n'),
      ),
    },
  },
  {
    name: 'a script in a subfolder, a Dockerfile with another name',
    files: {
      'scripts/run.sh': sh('podman run --rm tobs:latest\n'),
      'docker-compose.yml': 'services:\n  app:\n    build:\n      context: .\n      dockerfile: docker/app.Dockerfile\n    image: tobs:latest\n',
      'docker/app.Dockerfile': DOCKERFILE,
    },
    errors: [{ line: 4 }],
    output: {
      'scripts/run.sh': sh(`${guard('podman image exists tobs:latest', 'podman build --format docker -t tobs:latest -f ../docker/app.Dockerfile ..', 'tobs:latest')}podman run --rm tobs:latest\n`),
    },
  },
  {
    name: 'a tag the script builds elsewhere with -t',
    files: { 'run.sh': sh('build() {\n  podman build -t localhost/tool:dev -f Containerfile .\n}\npodman run --rm localhost/tool:dev\n'), Containerfile: DOCKERFILE },
    errors: [{ line: 7 }],
    output: {
      'run.sh': sh(`build() {\n  podman build -t localhost/tool:dev -f Containerfile .\n}\n${guard('podman image exists localhost/tool:dev', 'podman build --format docker -t localhost/tool:dev .', 'localhost/tool:dev')}podman run --rm localhost/tool:dev\n`),
    },
  },
  {
    name: 'a localhost/ image nobody here builds: stop with an error',
    files: { 'run.sh': sh('podman run --rm localhost/other\n') },
    errors: [{ line: 4, message: 'runs localhost/other' }],
    output: {
      'run.sh': sh('if ! podman image exists localhost/other; then\n  echo "error: image localhost/other not found; build it first" >&2\n  exit 1\nfi\n\npodman run --rm localhost/other\n'),
    },
  },
  {
    name: 'the configured image of a project with one Dockerfile',
    files: { 'run.sh': sh('docker run --rm myapp\n'), Dockerfile: DOCKERFILE },
    options: { image: 'myapp:latest' },
    errors: [{ line: 4 }],
    output: { 'run.sh': sh(`${guard('docker image inspect myapp >/dev/null 2>&1', 'docker build -t myapp .', 'myapp')}docker run --rm myapp\n`) },
  },
  {
    name: 'CRLF',
    files: project(crlf(sh('IMAGE=tobs:latest\npodman run --rm \\\n  "$IMAGE"\n'))),
    errors: [{ line: 6, column: 3 }],
    output: { 'run.sh': crlf(sh(`IMAGE=tobs:latest\n${guard('podman image exists "$IMAGE"', 'podman build --format docker -t "$IMAGE" .')}podman run --rm \\\n  "$IMAGE"\n`)) },
  },
];

testRule('script/image-exists-check', { valid, invalid });
fixedScriptsParse('script/image-exists-check', invalid);
