// The tobs scenario as one multi-file case, the same files as ../shared/scenario: each Dockerfile
// rule fires on the before set and none on the after set; fix-all with the Dockerfile rules ends
// quiet, valid for dockerfile-utils, with every line no fix had to touch kept.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { validate } from 'dockerfile-utils';
import { fixAll, Linter } from '../../../../server/src/engine/index';
import { SCENARIO_DIR } from '../../../support/paths';
import { configOf, describeFinding, lintFiles, ROOT, snapshotOf } from '../../../support/rule-tester';

const lines = (...l: string[]) => l.join('\n') + '\n';

const BEFORE: Record<string, string> = {
  'Dockerfile': lines(
    'FROM python:3.11.8-slim-bookworm',
    '',
    'COPY --from=ghcr.io/astral-sh/uv:0.4.20 /uv /bin/uv',
    '',
    'ENV PYTHONDONTWRITEBYTECODE=1 \\',
    '    PYTHONUNBUFFERED=1',
    '',
    'WORKDIR /app',
    '',
    'COPY pyproject.toml uv.lock ./',
    'RUN uv pip compile pyproject.toml -o requirements.txt && \\',
    '    uv pip install --system -r requirements.txt',
    '',
    'COPY . .',
    '',
    'RUN mkdir -p /app/export /app/models',
    '',
    'CMD ["python", "-m", "tobs"]',
  ),
  'docker-compose.yml': lines(
    'version: "3.8"',
    '',
    'services:',
    '  tobs:',
    '    build:',
    '      context: .',
    '      dockerfile: Dockerfile',
    '      args:',
    '        HTTP_PROXY: ""',
    '        HTTPS_PROXY: ""',
    '        http_proxy: ""',
    '        https_proxy: ""',
    '    image: tobs:latest',
    '    container_name: tobs',
    '    environment:',
    '      HTTP_PROXY: ""',
    '      HTTPS_PROXY: ""',
    '      http_proxy: ""',
    '      https_proxy: ""',
    '    devices:',
    '      - /dev/dri:/dev/dri',
    '    group_add:',
    '      - video',
    '      - "988"',
    '    volumes:',
    '      - ./export:/app/export',
    '      - ./sessions:/app/sessions',
    '      - ./models:/app/models',
  ),
  'pyproject.toml': lines(
    '[project]',
    'name = "tobs"',
    'version = "0.1.0"',
    'requires-python = ">=3.11"',
    'dependencies = []',
  ),
  'run-tobs.sh': lines(
    '#!/usr/bin/env bash',
    'set -euo pipefail',
    '',
    'IMAGE=tobs:latest',
    '',
    'podman run --rm -it \\',
    '  --user root \\',
    '  --device /dev/dri \\',
    '  --group-add video \\',
    '  --group-add 988 \\',
    '  -v $PWD/export:/app/export \\',
    '  -v $PWD/sessions:/app/sessions \\',
    '  $IMAGE "$@"',
  ),
  'uv.lock': lines(
    'version = 1',
    'requires-python = ">=3.11"',
  ),
};

const AFTER: Record<string, string> = {
  'Dockerfile': lines(
    'ARG PYTHON_VERSION=3.11.8',
    'FROM python:${PYTHON_VERSION}-slim-bookworm',
    '',
    'COPY --from=ghcr.io/astral-sh/uv:latest /uv /uvx /bin/',
    '',
    'ENV PYTHONDONTWRITEBYTECODE=1 \\',
    '    PYTHONUNBUFFERED=1 \\',
    '    UV_LINK_MODE=copy',
    '',
    'WORKDIR /app',
    '',
    'COPY pyproject.toml uv.lock ./',
    'RUN --mount=type=cache,target=/root/.cache/uv \\',
    '    uv sync --frozen --no-dev',
    'ENV PATH="/app/.venv/bin:$PATH"',
    '',
    'COPY . .',
    '',
    'RUN mkdir -p /app/export /app/models /app/sessions',
    '',
    'HEALTHCHECK --interval=30s --timeout=10s --start-period=20s --retries=3 \\',
    '    CMD python -c "import sys; sys.exit(0)" || exit 1',
    '',
    'CMD ["python", "-m", "tobs"]',
  ),
  'docker-compose.yml': lines(
    'services:',
    '  tobs:',
    '    build:',
    '      context: .',
    '      dockerfile: Dockerfile',
    '      args:',
    '        PYTHON_VERSION: ${PYTHON_VERSION:-3.11.8}',
    '    image: tobs:latest',
    '    container_name: tobs',
    '    devices:',
    '      - /dev/dri:/dev/dri',
    '    group_add:',
    '      - video',
    '      - ${RENDER_GID:-988}',
    '    volumes:',
    '      - ./export:/app/export',
    '      - ./sessions:/app/sessions',
    '      - ./models:/app/models',
    '    deploy:',
    '      resources:',
    '        limits:',
    '          cpus: "4"',
    '          memory: 8G',
    '        reservations:',
    '          cpus: "1"',
    '          memory: 2G',
    '    healthcheck:',
    '      test: ["CMD", "python", "-c", "import sys; sys.exit(0)"]',
    '      interval: 30s',
    '      timeout: 10s',
    '      start_period: 20s',
    '      retries: 3',
  ),
  'pyproject.toml': lines(
    '[project]',
    'name = "tobs"',
    'version = "0.1.0"',
    'requires-python = ">=3.11"',
    'dependencies = []',
  ),
  'run-tobs.sh': lines(
    '#!/usr/bin/env bash',
    'set -euo pipefail',
    '',
    'IMAGE=tobs:latest',
    'RENDER_GID="${RENDER_GID:-$(getent group render | cut -d: -f3)}"',
    'if [ -z "$RENDER_GID" ]; then',
    '  echo "error: no \'render\' group on this host; set RENDER_GID to the GID that owns /dev/dri/renderD*" >&2',
    '  exit 1',
    'fi',
    '',
    'if ! podman image exists "$IMAGE"; then',
    '  echo "Image $IMAGE not found; building it..." >&2',
    '  podman build --format docker -t "$IMAGE" .',
    'fi',
    '',
    'podman run --rm -it \\',
    '  --user 1000:1000 \\',
    '  --device /dev/dri \\',
    '  --group-add video \\',
    '  --group-add "$RENDER_GID" \\',
    '  -v "$PWD/export":/app/export \\',
    '  -v "$PWD/sessions":/app/sessions \\',
    '  "$IMAGE" "$@"',
  ),
  'uv.lock': lines(
    'version = 1',
    'requires-python = ">=3.11"',
  ),
};

const DOCKERFILE_RULES = (rule: string) => rule.startsWith('dockerfile/');

describe('the tobs scenario, Dockerfile rules', () => {
  it('the case holds the files of the shared scenario folder', function () {
    assert.ok(fs.existsSync(SCENARIO_DIR), `the shared scenario is missing at ${SCENARIO_DIR} (set TOBS_SHARED_DIR)`);
    for (const [name, set] of [['tobs-before', BEFORE], ['tobs-after', AFTER]] as const) {
      const dir = path.join(SCENARIO_DIR, name);
      assert.deepEqual(Object.fromEntries(fs.readdirSync(dir).sort().map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')])), set, name);
    }
  });

  it('before: each of the six rules fires where the seed fixed it', () => {
    const found = lintFiles(BEFORE)
      .filter((f) => DOCKERFILE_RULES(f.rule))
      .map((f) => `${f.uri.slice(ROOT.length)}:${f.range.start.line + 1} ${f.rule}`);
    assert.deepEqual(found, [
      'Dockerfile:1 dockerfile/healthcheck',
      'Dockerfile:1 dockerfile/python-version-arg',
      'Dockerfile:3 dockerfile/uv-image-version',
      'Dockerfile:11 dockerfile/uv-sync',
      'Dockerfile:12 dockerfile/uv-cache-mount',
      'Dockerfile:16 dockerfile/volume-dirs',
    ]);
  });

  it('after: none fires', () => {
    assert.deepEqual(lintFiles(AFTER).filter((f) => DOCKERFILE_RULES(f.rule)).map(describeFinding), []);
  });

  it('fix-all: quiet afterwards, valid, untouched lines kept, idempotent', () => {
    const linter = new Linter();
    const config = configOf({});
    const result = fixAll(linter, snapshotOf(BEFORE), config, undefined, DOCKERFILE_RULES);
    assert.deepEqual(linter.lint(result.snapshot, config).filter((f) => DOCKERFILE_RULES(f.rule)).map(describeFinding), []);
    const dockerfile = result.snapshot.get(ROOT + 'Dockerfile')!.text;
    assert.equal(
      dockerfile,
      lines(
        'ARG PYTHON_VERSION=3.11.8',
        'FROM python:${PYTHON_VERSION}-slim-bookworm',
        '',
        'COPY --from=ghcr.io/astral-sh/uv:0.13.8 /uv /bin/uv',
        '',
        'ENV PYTHONDONTWRITEBYTECODE=1 \\',
        '    PYTHONUNBUFFERED=1 \\',
        '    UV_LINK_MODE=copy',
        '',
        'WORKDIR /app',
        '',
        'COPY pyproject.toml uv.lock ./',
        'RUN --mount=type=cache,target=/root/.cache/uv \\',
        '    uv sync --frozen --no-dev',
        'ENV PATH="/app/.venv/bin:$PATH"',
        '',
        'COPY . .',
        '',
        'RUN mkdir -p /app/export /app/models /app/sessions',
        '',
        'HEALTHCHECK --interval=30s --timeout=10s --start-period=20s --retries=3 \\',
        '    CMD ["python", "-c", "import sys; sys.exit(0)"]',
        '',
        'CMD ["python", "-m", "tobs"]',
      ),
    );
    assert.deepEqual(validate(dockerfile).filter((d) => d.severity === 1), []);
    const rewritten = [/^FROM /, /^COPY --from=ghcr/, /uv pip/, /^RUN mkdir/, /PYTHONUNBUFFERED=1$/];
    const kept = BEFORE.Dockerfile.split('\n').filter((l) => l && !rewritten.some((re) => re.test(l)));
    const after = dockerfile.split('\n');
    for (const line of kept) assert.ok(after.includes(line), `untouched line kept: ${line}`);
    assert.equal(fixAll(linter, result.snapshot, config, undefined, DOCKERFILE_RULES).changed.size, 0);
  });
});
