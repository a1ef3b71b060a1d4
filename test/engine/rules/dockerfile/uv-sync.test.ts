import * as assert from 'node:assert/strict';
import { Linter } from '../../../../server/src/engine/index';
import { configOf, lintFiles, snapshotOf, testRule } from '../../../support/rule-tester';

const PYPROJECT = '[project]\nname = "app"\nversion = "0.1.0"\ndependencies = []\n';
const PACKAGED = PYPROJECT + '\n[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n';
const LOCK = 'version = 1\n';

testRule('dockerfile/uv-sync', {
  valid: [
    {
      name: 'no pyproject.toml in the build context',
      files: { Dockerfile: 'FROM python:3.12\nCOPY requirements.in .\nRUN uv pip compile requirements.in -o r.txt && uv pip install --system -r r.txt\n' },
    },
    {
      name: 'a pyproject.toml next to the Dockerfile but outside the context compose gives',
      files: {
        'docker/Dockerfile': 'FROM python:3.12\nRUN uv pip compile requirements.in -o r.txt && uv pip install --system -r r.txt\n',
        'docker/pyproject.toml': PYPROJECT,
        'compose.yaml': 'services:\n  app:\n    build:\n      context: .\n      dockerfile: docker/Dockerfile\n',
      },
    },
    {
      name: 'uv sync, then a --no-deps install of the project',
      files: {
        Dockerfile: 'FROM python:3.12\nWORKDIR /app\nCOPY pyproject.toml uv.lock ./\nRUN uv sync --frozen --no-install-project\nCOPY . .\nRUN uv pip install --no-deps .\n',
        'pyproject.toml': PYPROJECT,
        'uv.lock': LOCK,
      },
    },
    {
      name: 'torch wheels from another index',
      files: {
        Dockerfile: 'FROM python:3.12\nRUN uv pip install --system -r requirements-torch.txt --index-url https://download.pytorch.org/whl/cpu\n',
        'pyproject.toml': PYPROJECT,
        'uv.lock': LOCK,
      },
    },
    {
      name: 'the lock is used through uv export',
      files: {
        Dockerfile: 'FROM python:3.12\nCOPY pyproject.toml uv.lock ./\nRUN uv export --frozen -o requirements.txt && uv pip install --system -r requirements.txt\n',
        'pyproject.toml': PYPROJECT,
        'uv.lock': LOCK,
      },
    },
    {
      name: 'a tool installed by name',
      files: { Dockerfile: 'FROM python:3.12\nRUN uv pip install --system gunicorn\n', 'pyproject.toml': PYPROJECT, 'uv.lock': LOCK },
    },
    {
      name: 'uv pip install -r without a lock file to use',
      files: { Dockerfile: 'FROM python:3.12\nCOPY requirements.txt .\nRUN uv pip install --system -r requirements.txt\n', 'pyproject.toml': PYPROJECT },
    },
  ],
  invalid: [
    {
      name: 'the seed: compile + install, the lock already copied',
      files: {
        Dockerfile:
          'FROM python:3.11-slim\nWORKDIR /app\nCOPY pyproject.toml uv.lock ./\nRUN uv pip compile pyproject.toml -o requirements.txt && \\\n    uv pip install --system -r requirements.txt\n\nCOPY . .\n',
        'pyproject.toml': PYPROJECT,
        'uv.lock': LOCK,
      },
      errors: [{ line: 4, column: 5, message: '`uv pip compile` resolves' }],
      output: {
        Dockerfile: 'FROM python:3.11-slim\nWORKDIR /app\nCOPY pyproject.toml uv.lock ./\nRUN uv sync --frozen --no-dev\nENV PATH="/app/.venv/bin:$PATH"\n\nCOPY . .\n',
      },
    },
    {
      name: 'uv pip install -r pyproject.toml while uv.lock sits unused; other commands kept',
      files: {
        Dockerfile: 'FROM python:3.13-slim\nWORKDIR /build\nCOPY pyproject.toml uv.lock ./\nRUN apt-get update && uv pip install --system -r pyproject.toml --compile-bytecode && rm -rf /var/lib/apt/lists/*\n',
        'pyproject.toml': PYPROJECT,
        'uv.lock': LOCK,
      },
      errors: [{ line: 4, column: 23, message: 'uv.lock is not used' }],
      output: {
        Dockerfile: 'FROM python:3.13-slim\nWORKDIR /build\nCOPY pyproject.toml uv.lock ./\nRUN apt-get update && uv sync --frozen --no-dev --compile-bytecode && rm -rf /var/lib/apt/lists/*\nENV PATH="/build/.venv/bin:$PATH"\n',
      },
    },
    {
      name: 'no lock: no --frozen, pyproject.toml copied before the step, the install of the compiled file in the next RUN goes',
      files: {
        Dockerfile: 'FROM python:3.12\nWORKDIR /app\nCOPY requirements.in .\n# dependencies\nRUN uv pip compile requirements.in -o r.txt\nRUN uv pip install --system -r r.txt\n',
        'pyproject.toml': PYPROJECT,
      },
      errors: [{ line: 5 }, { line: 6 }],
      output: {
        Dockerfile: 'FROM python:3.12\nWORKDIR /app\nCOPY requirements.in .\nCOPY pyproject.toml ./\n# dependencies\nRUN uv sync --no-dev\nENV PATH="/app/.venv/bin:$PATH"\n',
      },
    },
    {
      name: 'the lock is added to the COPY that brings pyproject.toml',
      files: {
        Dockerfile: 'FROM python:3.12\nWORKDIR /app\nCOPY pyproject.toml ./\nRUN uv pip compile pyproject.toml -o r.txt && uv pip install -r r.txt\n',
        'pyproject.toml': PYPROJECT,
        'uv.lock': LOCK,
      },
      errors: [{ line: 4 }],
      output: {
        Dockerfile: 'FROM python:3.12\nWORKDIR /app\nCOPY pyproject.toml uv.lock ./\nRUN uv sync --frozen --no-dev\nENV PATH="/app/.venv/bin:$PATH"\n',
      },
    },
    {
      name: 'a bind mount of the lock counts as copied; comment lines inside the continuation',
      files: {
        Dockerfile:
          'FROM python:3.12\nWORKDIR /app\nENV PATH="/app/.venv/bin:$PATH"\nRUN --mount=type=bind,source=uv.lock,target=uv.lock \\\n    --mount=type=bind,source=pyproject.toml,target=pyproject.toml \\\n    uv pip compile pyproject.toml -o /tmp/r.txt && \\\n    # then install\n    uv pip install -r /tmp/r.txt\n',
        'pyproject.toml': PYPROJECT,
        'uv.lock': LOCK,
      },
      errors: [{ line: 6 }],
      output: {
        Dockerfile:
          'FROM python:3.12\nWORKDIR /app\nENV PATH="/app/.venv/bin:$PATH"\nRUN --mount=type=bind,source=uv.lock,target=uv.lock \\\n    --mount=type=bind,source=pyproject.toml,target=pyproject.toml \\\n    uv sync --frozen --no-dev\n',
      },
    },
    {
      name: 'a heredoc RUN',
      files: {
        Dockerfile: 'FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN <<EOF\nset -e\nuv pip compile pyproject.toml -o r.txt\nuv pip install --system -r r.txt\nEOF\n',
        'pyproject.toml': PYPROJECT,
        'uv.lock': LOCK,
      },
      errors: [{ line: 6 }],
      output: {
        Dockerfile: 'FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN <<EOF\nset -e\nuv sync --frozen --no-dev\nEOF\nENV PATH="/app/.venv/bin:$PATH"\n',
      },
    },
    {
      name: 'a packaged project before its sources are copied: --no-install-project',
      files: {
        Dockerfile: 'FROM python:3.12\nWORKDIR /app\nCOPY pyproject.toml uv.lock ./\nRUN uv pip compile pyproject.toml -o r.txt && uv pip install --system -r r.txt\n',
        'pyproject.toml': PACKAGED,
        'uv.lock': LOCK,
      },
      errors: [{ line: 4 }],
      output: {
        Dockerfile: 'FROM python:3.12\nWORKDIR /app\nCOPY pyproject.toml uv.lock ./\nRUN uv sync --frozen --no-dev --no-install-project\nENV PATH="/app/.venv/bin:$PATH"\n',
      },
    },
    {
      name: 'choices uv sync understands are kept: a dependency group (then no --no-dev), no cache, bytecode',
      files: {
        Dockerfile: 'FROM python:3.12\nWORKDIR /app\nCOPY pyproject.toml uv.lock ./\nRUN uv pip install --system --no-cache-dir --compile-bytecode -r pyproject.toml --group dev\n',
        'pyproject.toml': PYPROJECT,
        'uv.lock': LOCK,
      },
      errors: [{ line: 4 }],
      output: {
        Dockerfile: 'FROM python:3.12\nWORKDIR /app\nCOPY pyproject.toml uv.lock ./\nRUN uv sync --frozen --group dev --no-cache --compile-bytecode\nENV PATH="/app/.venv/bin:$PATH"\n',
      },
    },
    {
      name: 'UV_PROJECT_ENVIRONMENT on a system prefix needs no PATH',
      files: {
        Dockerfile: 'FROM python:3.12\nENV UV_PROJECT_ENVIRONMENT=/usr/local\nCOPY pyproject.toml uv.lock ./\nRUN uv pip compile pyproject.toml -o r.txt && uv pip install --system -r r.txt\n',
        'pyproject.toml': PYPROJECT,
        'uv.lock': LOCK,
      },
      errors: [{ line: 4 }],
      output: { Dockerfile: 'FROM python:3.12\nENV UV_PROJECT_ENVIRONMENT=/usr/local\nCOPY pyproject.toml uv.lock ./\nRUN uv sync --frozen --no-dev\n' },
    },
  ],
});

describe('dockerfile/uv-sync fixes that are not applied unasked', () => {
  function fixesOf(files: Record<string, string>) {
    const [finding] = lintFiles(files).filter((f) => f.rule === 'dockerfile/uv-sync');
    assert.ok(finding, 'the rule fires');
    return new Linter().fixes(snapshotOf(files), configOf({}), finding);
  }

  it('a build stage whose results a later stage copies: offered, not preferred', () => {
    const fixes = fixesOf({
      Dockerfile:
        'FROM python:3.13-slim AS builder\nWORKDIR /build\nCOPY pyproject.toml uv.lock ./\nRUN uv pip install --system -r pyproject.toml\n\nFROM python:3.13-slim\nCOPY --from=builder /usr/local/lib/python3.13/site-packages /usr/local/lib/python3.13/site-packages\n',
      'pyproject.toml': PYPROJECT,
      'uv.lock': LOCK,
    });
    assert.deepEqual(fixes.map((f) => f.preferred), [false]);
  });

  it('the exec form: reported, no fix', () => {
    const fixes = fixesOf({ Dockerfile: 'FROM python:3.12\nRUN ["uv", "pip", "compile", "pyproject.toml"]\n', 'pyproject.toml': PYPROJECT });
    assert.deepEqual(fixes, []);
  });
});
