import { crlf, testRule } from '../../../support/rule-tester';

const CACHED_SYNC = 'RUN --mount=type=cache,target=/root/.cache/uv \\\n    uv sync --frozen --no-dev\n';

testRule('dockerfile/uv-link-mode', {
  valid: [
    { name: 'ENV UV_LINK_MODE=copy', files: { Dockerfile: `FROM python:3.12\nENV UV_LINK_MODE=copy\n${CACHED_SYNC}` } },
    { name: 'set in the stage the RUN is built on', files: { Dockerfile: `FROM python:3.12 AS base\nENV UV_LINK_MODE=copy\nFROM base\n${CACHED_SYNC}` } },
    { name: 'ARG UV_LINK_MODE with a default', files: { Dockerfile: `FROM python:3.12\nARG UV_LINK_MODE=copy\n${CACHED_SYNC}` } },
    { name: 'inline on the command', files: { Dockerfile: 'FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/uv UV_LINK_MODE=copy uv sync --frozen\n' } },
    { name: 'exported earlier in the RUN', files: { Dockerfile: 'FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/uv export UV_LINK_MODE=copy && uv sync --frozen\n' } },
    { name: '--link-mode on the command', files: { Dockerfile: 'FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/uv uv pip install --system --link-mode=copy -r r.txt\n' } },
    { name: 'a symlink mode chosen on purpose', files: { Dockerfile: `FROM python:3.12\nENV UV_LINK_MODE=symlink\n${CACHED_SYNC}` } },
    {
      name: 'link-mode in pyproject.toml',
      files: { Dockerfile: `FROM python:3.12\n${CACHED_SYNC}`, 'pyproject.toml': '[project]\nname = "app"\n\n[tool.uv]\nlink-mode = "copy"\n' },
    },
    { name: 'link-mode in uv.toml', files: { Dockerfile: `FROM python:3.12\n${CACHED_SYNC}`, 'uv.toml': 'link-mode = "copy"\n' } },
    { name: 'no cache mount (uv-cache-mount says so)', files: { Dockerfile: 'FROM python:3.12\nRUN uv sync --frozen\n' } },
    { name: 'a cache mount but --no-cache', files: { Dockerfile: 'FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/uv uv sync --frozen --no-cache\n' } },
    { name: 'a cache mount elsewhere', files: { Dockerfile: 'FROM python:3.12\nRUN --mount=type=cache,target=/var/cache/apt uv sync --frozen\n' } },
    { name: 'uv commands that install nothing', files: { Dockerfile: 'FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/uv uv lock\n' } },
  ],
  invalid: [
    {
      name: 'the seed after uv-cache-mount: added to the ENV that sets Python variables',
      files: {
        Dockerfile: `FROM python:3.12\n\nENV PYTHONDONTWRITEBYTECODE=1 \\\n    PYTHONUNBUFFERED=1\n\nWORKDIR /app\n${CACHED_SYNC}`,
      },
      errors: [{ line: 7, column: 5, message: '`uv sync` installs from a cache mount' }],
      output: {
        Dockerfile: `FROM python:3.12\n\nENV PYTHONDONTWRITEBYTECODE=1 \\\n    PYTHONUNBUFFERED=1 \\\n    UV_LINK_MODE=copy\n\nWORKDIR /app\n${CACHED_SYNC}`,
      },
    },
    {
      name: 'a one-line ENV of uv settings: a continued line with four spaces',
      files: { Dockerfile: `FROM python:3.12\nENV UV_COMPILE_BYTECODE=1\n${CACHED_SYNC}` },
      errors: [{ line: 3 }],
      output: { Dockerfile: `FROM python:3.12\nENV UV_COMPILE_BYTECODE=1 \\\n    UV_LINK_MODE=copy\n${CACHED_SYNC}` },
    },
    {
      name: 'no such ENV: a new ENV line above the RUN and its comment; one line serves both RUNs',
      files: {
        Dockerfile: `FROM python:3.12\nENV PATH=/root/.local/bin:$PATH\nENV PYTHONUNBUFFERED 1\n# dependencies first\n${CACHED_SYNC}COPY . .\n${CACHED_SYNC}`,
      },
      errors: [{ line: 5 }, { line: 8 }],
      output: {
        Dockerfile: `FROM python:3.12\nENV PATH=/root/.local/bin:$PATH\nENV PYTHONUNBUFFERED 1\nENV UV_LINK_MODE=copy\n# dependencies first\n${CACHED_SYNC}COPY . .\n${CACHED_SYNC}`,
      },
    },
    {
      name: 'a cache on UV_CACHE_DIR, in a build stage',
      files: { Dockerfile: 'FROM python:3.12 AS build\nENV UV_CACHE_DIR=/cache\nRUN --mount=type=cache,target=/cache uv pip install --system -r r.txt\nFROM python:3.12-slim\n' },
      errors: [{ line: 3, column: 5 }],
      output: { Dockerfile: 'FROM python:3.12 AS build\nENV UV_CACHE_DIR=/cache \\\n    UV_LINK_MODE=copy\nRUN --mount=type=cache,target=/cache uv pip install --system -r r.txt\nFROM python:3.12-slim\n' },
    },
    {
      name: 'CRLF',
      files: { Dockerfile: crlf(`FROM python:3.12\nENV PYTHONUNBUFFERED=1\n${CACHED_SYNC}`) },
      errors: [{ line: 3 }],
      output: { Dockerfile: crlf(`FROM python:3.12\nENV PYTHONUNBUFFERED=1 \\\n    UV_LINK_MODE=copy\n${CACHED_SYNC}`) },
    },
  ],
});
