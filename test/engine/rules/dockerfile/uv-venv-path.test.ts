import * as assert from 'node:assert/strict';
import { crlf, lintFiles, testRule } from '../../../support/rule-tester';

const SYNC = 'FROM python:3.12-slim\nWORKDIR /app\nCOPY pyproject.toml uv.lock ./\nRUN uv sync --frozen --no-dev\n';
const BUILDER = 'FROM ghcr.io/astral-sh/uv:python3.12-bookworm-slim AS builder\nWORKDIR /app\nCOPY . .\nRUN uv sync --locked --no-dev\n\nFROM python:3.12-slim\n';

testRule('dockerfile/uv-venv-path', {
  valid: [
    { name: 'the venv on PATH', files: { Dockerfile: `${SYNC}ENV PATH="/app/.venv/bin:$PATH"\nCMD ["python", "-m", "app"]\n` } },
    { name: 'on PATH before it exists', files: { Dockerfile: `FROM python:3.12-slim\nENV PATH="/app/.venv/bin:$PATH"\nWORKDIR /app\nRUN uv sync --frozen\nCMD python -m app\n` } },
    { name: 'through VIRTUAL_ENV', files: { Dockerfile: `${SYNC}ENV VIRTUAL_ENV=/app/.venv PATH="$VIRTUAL_ENV/bin:$PATH"\nCMD ["python", "-m", "app"]\n` } },
    { name: 'uv run finds the venv', files: { Dockerfile: `${SYNC}CMD ["uv", "run", "python", "-m", "app"]\n` } },
    { name: 'uv run in the ENTRYPOINT', files: { Dockerfile: `${SYNC}ENTRYPOINT ["uv", "run"]\nCMD ["python", "-m", "app"]\n` } },
    { name: 'the venv python by path', files: { Dockerfile: `${SYNC}CMD [".venv/bin/python", "-m", "app"]\n` } },
    { name: 'the venv activated first', files: { Dockerfile: `${SYNC}CMD . .venv/bin/activate && exec python -m app\n` } },
    { name: 'an entrypoint script of its own', files: { Dockerfile: `${SYNC}ENTRYPOINT ["/app/entrypoint.sh"]\nCMD ["python", "-m", "app"]\n` } },
    { name: 'a system environment', files: { Dockerfile: 'FROM python:3.12-slim\nENV UV_PROJECT_ENVIRONMENT=/usr/local\nWORKDIR /app\nRUN uv sync --frozen\nCMD ["python", "-m", "app"]\n' } },
    { name: 'no CMD: the base image decides', files: { Dockerfile: SYNC } },
    { name: 'uv pip install --system, no venv', files: { Dockerfile: 'FROM python:3.12-slim\nRUN uv pip install --system -r r.txt\nCMD ["python", "-m", "app"]\n' } },
    {
      name: 'synced in a builder that the final stage does not copy',
      files: { Dockerfile: `${BUILDER}COPY --from=builder /app/dist /dist\nCMD ["python", "-m", "app"]\n` },
    },
    {
      name: 'copied from a builder and put on PATH',
      files: { Dockerfile: `${BUILDER}COPY --from=builder /app/.venv /app/.venv\nENV PATH="/app/.venv/bin:$PATH"\nCMD ["uvicorn", "app:api"]\n` },
    },
    { name: 'a base image named by a build argument (its PATH is not known)', files: { Dockerfile: 'ARG BASE=registry.example/app-base\nFROM ${BASE}:latest\nWORKDIR /app\nRUN uv sync --locked\nCMD ["uvicorn", "app:api"]\n' } },
    { name: 'a program the venv does not provide', files: { Dockerfile: `${SYNC}CMD ["nginx", "-g", "daemon off;"]\n` } },
  ],
  invalid: [
    {
      name: 'the seed with uv sync: PATH right after the install',
      files: { Dockerfile: `${SYNC}\nCOPY . .\n\nCMD ["python", "-m", "tobs"]\n` },
      errors: [{ line: 8, column: 6, message: '`python` starts without /app/.venv/bin on PATH' }],
      output: { Dockerfile: `${SYNC}ENV PATH="/app/.venv/bin:$PATH"\n\nCOPY . .\n\nCMD ["python", "-m", "tobs"]\n` },
    },
    {
      name: 'a venv copied from a builder counts where it lands',
      files: { Dockerfile: `${BUILDER}COPY --from=builder /app /srv\nCMD ["gunicorn", "app:api"]\n` },
      errors: [{ line: 8, column: 6, message: '/srv/.venv/bin' }],
      output: { Dockerfile: `${BUILDER}COPY --from=builder /app /srv\nENV PATH="/srv/.venv/bin:$PATH"\nCMD ["gunicorn", "app:api"]\n` },
    },
    {
      name: 'a script of the project, shell form, UV_PROJECT_ENVIRONMENT',
      files: {
        Dockerfile: 'FROM python:3.12-slim\nENV UV_PROJECT_ENVIRONMENT=/opt/venv\nWORKDIR /app\nRUN uv sync --frozen\nCMD exec tobs --serve\n',
        'pyproject.toml': '[project]\nname = "tobs"\n\n[project.scripts]\ntobs = "tobs.cli:main"\n',
      },
      errors: [{ line: 5, column: 10, message: '`tobs`' }],
      output: { Dockerfile: 'FROM python:3.12-slim\nENV UV_PROJECT_ENVIRONMENT=/opt/venv\nWORKDIR /app\nRUN uv sync --frozen\nENV PATH="/opt/venv/bin:$PATH"\nCMD exec tobs --serve\n' },
    },
    {
      name: 'sh -c, uv sync --project',
      files: { Dockerfile: 'FROM python:3.12-slim\nWORKDIR /src\nRUN uv sync --project backend\nCMD ["sh", "-c", "python -m app"]\n' },
      errors: [{ line: 4, column: 18, message: '/src/backend/.venv/bin' }],
      output: { Dockerfile: 'FROM python:3.12-slim\nWORKDIR /src\nRUN uv sync --project backend\nENV PATH="/src/backend/.venv/bin:$PATH"\nCMD ["sh", "-c", "python -m app"]\n' },
    },
    {
      name: 'CRLF, the system python by path',
      files: { Dockerfile: crlf(`${SYNC}CMD ["/usr/local/bin/python3", "-m", "app"]\n`) },
      errors: [{ line: 5 }],
      output: { Dockerfile: crlf(`${SYNC}ENV PATH="/app/.venv/bin:$PATH"\nCMD ["/usr/local/bin/python3", "-m", "app"]\n`) },
    },
  ],
});

describe('dockerfile/uv-venv-path related locations', () => {
  it('point at the install that fills the venv', () => {
    const [finding] = lintFiles({ Dockerfile: `${SYNC}CMD ["python", "-m", "app"]\n` }).filter((f) => f.rule === 'dockerfile/uv-venv-path');
    assert.deepEqual(
      finding.related.map((r) => [r.range.start.line + 1, r.message]),
      [[4, 'the venv /app/.venv is filled here']],
    );
  });
});
