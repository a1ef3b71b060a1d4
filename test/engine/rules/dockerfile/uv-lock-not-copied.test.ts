import { crlf, testRule } from '../../../support/rule-tester';

const FROM = 'FROM python:3.12-slim\nWORKDIR /app\n';

testRule('dockerfile/uv-lock-not-copied', {
  valid: [
    { name: 'copied with pyproject.toml', files: { Dockerfile: `${FROM}COPY pyproject.toml uv.lock ./\nRUN uv sync --frozen --no-dev\n` } },
    { name: 'the whole context copied first', files: { Dockerfile: `${FROM}COPY . .\nRUN uv sync --locked\n` } },
    { name: 'a glob that matches it', files: { Dockerfile: `${FROM}COPY pyproject.toml *.lock /app/\nRUN uv sync --frozen\n` } },
    { name: 'copied to its own path', files: { Dockerfile: `${FROM}COPY uv.lock /app/uv.lock\nCOPY pyproject.toml /app/pyproject.toml\nRUN uv sync --frozen\n` } },
    {
      name: 'bind-mounted for the RUN',
      files: { Dockerfile: `${FROM}RUN --mount=type=bind,source=uv.lock,target=uv.lock \\\n    --mount=type=bind,source=pyproject.toml,target=pyproject.toml \\\n    uv sync --locked --no-install-project\n` },
    },
    { name: 'copied in the stage the RUN is built on', files: { Dockerfile: `FROM python:3.12 AS base\nWORKDIR /app\nCOPY pyproject.toml uv.lock ./\nFROM base\nRUN uv sync --frozen\n` } },
    { name: 'copied from a build stage', files: { Dockerfile: `FROM python:3.12 AS src\nFROM python:3.12-slim\nCOPY --from=src /src /app\nWORKDIR /app\nRUN uv sync --frozen\n` } },
    { name: 'locked first in the same RUN', files: { Dockerfile: `${FROM}COPY pyproject.toml ./\nRUN uv lock && uv sync --frozen\n` } },
    { name: 'without --frozen or --locked uv locks by itself', files: { Dockerfile: `${FROM}COPY pyproject.toml ./\nRUN uv sync --no-dev\n` } },
    { name: 'uv pip install reads no lock', files: { Dockerfile: `${FROM}COPY requirements.txt ./\nRUN uv pip install --system -r requirements.txt\n` } },
    { name: 'the context copied above the project folder', files: { Dockerfile: `${FROM}COPY . /\nRUN uv sync --frozen\n` } },
    { name: 'the project folder given to uv', files: { Dockerfile: `${FROM}COPY backend/ /srv/backend/\nRUN uv sync --frozen --project /srv/backend\n` } },
  ],
  invalid: [
    {
      name: 'only pyproject.toml copied: uv.lock joins it',
      files: { Dockerfile: `${FROM}COPY pyproject.toml ./\nRUN --mount=type=cache,target=/root/.cache/uv \\\n    uv sync --frozen --no-dev\n` },
      errors: [{ line: 5, column: 5, message: '`uv sync` with `--frozen` needs uv.lock in /app' }],
      output: { Dockerfile: `${FROM}COPY pyproject.toml uv.lock ./\nRUN --mount=type=cache,target=/root/.cache/uv \\\n    uv sync --frozen --no-dev\n` },
    },
    {
      name: 'the second sync after a bind-mounted first one: the lock joins the later COPY',
      files: {
        Dockerfile: `${FROM}RUN --mount=type=bind,source=uv.lock,target=uv.lock \\\n    --mount=type=bind,source=pyproject.toml,target=pyproject.toml \\\n    uv sync --frozen --no-install-project\nCOPY --link pyproject.toml README.md /app/\nCOPY src /app/src\nRUN uv sync --frozen\n`,
      },
      errors: [{ line: 8 }],
      output: {
        Dockerfile: `${FROM}RUN --mount=type=bind,source=uv.lock,target=uv.lock \\\n    --mount=type=bind,source=pyproject.toml,target=pyproject.toml \\\n    uv sync --frozen --no-install-project\nCOPY --link pyproject.toml uv.lock README.md /app/\nCOPY src /app/src\nRUN uv sync --frozen\n`,
      },
    },
    {
      name: 'pyproject.toml bind-mounted: the lock is bind-mounted too',
      files: { Dockerfile: `${FROM}RUN --mount=type=bind,source=pyproject.toml,target=pyproject.toml \\\n    uv sync --locked --no-install-project\n` },
      errors: [{ line: 4, message: '`--locked`' }],
      output: {
        Dockerfile: `${FROM}RUN --mount=type=bind,source=pyproject.toml,target=pyproject.toml \\\n    --mount=type=bind,source=uv.lock,target=uv.lock \\\n    uv sync --locked --no-install-project\n`,
      },
    },
    {
      name: 'copied into another folder than the WORKDIR; pyproject.toml copied to its own path: a COPY of its own',
      files: { Dockerfile: `FROM python:3.12-slim\nCOPY uv.lock /tmp/\nWORKDIR /app\nCOPY pyproject.toml /app/pyproject.toml\n# the dependencies\nRUN uv sync --frozen\n` },
      errors: [{ line: 6 }],
      output: { Dockerfile: `FROM python:3.12-slim\nCOPY uv.lock /tmp/\nWORKDIR /app\nCOPY pyproject.toml /app/pyproject.toml\nCOPY uv.lock ./\n# the dependencies\nRUN uv sync --frozen\n` },
    },
    {
      name: 'UV_FROZEN, uv export, --project',
      files: { Dockerfile: `${FROM}ENV UV_FROZEN=1\nCOPY api/pyproject.toml api/\nRUN uv export --project api -o requirements.txt\n` },
      errors: [{ line: 5, message: '`UV_FROZEN` needs uv.lock in /app/api' }],
      output: { Dockerfile: `${FROM}ENV UV_FROZEN=1\nCOPY api/pyproject.toml api/\nCOPY uv.lock /app/api/\nRUN uv export --project api -o requirements.txt\n` },
    },
    {
      name: 'CRLF',
      files: { Dockerfile: crlf(`${FROM}COPY pyproject.toml ./\nRUN uv sync --locked\n`) },
      errors: [{ line: 4 }],
      output: { Dockerfile: crlf(`${FROM}COPY pyproject.toml uv.lock ./\nRUN uv sync --locked\n`) },
    },
  ],
});
