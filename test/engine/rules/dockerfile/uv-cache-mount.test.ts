import * as assert from 'node:assert/strict';
import { Linter } from '../../../../server/src/engine/index';
import { configOf, crlf, lintFiles, snapshotOf, testRule } from '../../../support/rule-tester';

testRule('dockerfile/uv-cache-mount', {
  valid: [
    { name: 'a cache mount on the default cache', files: { Dockerfile: 'FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/uv \\\n    uv sync --locked\n' } },
    { name: 'a cache mount on ~/.cache', files: { Dockerfile: 'FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache uv pip install --system -r r.txt\n' } },
    {
      name: 'a cache mount on UV_CACHE_DIR',
      files: { Dockerfile: 'FROM python:3.12\nENV UV_CACHE_DIR=/tmp/uv-cache\nRUN --mount=type=cache,target=${UV_CACHE_DIR} \\\n    --mount=type=bind,source=uv.lock,target=uv.lock \\\n    uv sync --frozen\n' },
    },
    { name: 'uv sync --no-cache', files: { Dockerfile: 'FROM python:3.12\nRUN uv sync --frozen --no-cache --no-dev --no-install-project\n' } },
    { name: "pip's spelling, --no-cache-dir", files: { Dockerfile: 'FROM python:3.12\nRUN uv pip install --system --no-cache-dir -r requirements.txt\n' } },
    { name: 'uv --no-cache before the subcommand', files: { Dockerfile: 'FROM python:3.12\nRUN uv --no-cache pip install --system -r r.txt\n' } },
    { name: 'ENV UV_NO_CACHE', files: { Dockerfile: 'FROM python:3.12 AS base\nENV UV_NO_CACHE=1\nFROM base\nRUN uv sync --frozen\n' } },
    { name: 'UV_NO_CACHE exported earlier in the RUN', files: { Dockerfile: 'FROM python:3.12\nRUN export UV_NO_CACHE=1 && \\\n    uv sync --frozen\n' } },
    { name: 'UV_NO_CACHE on the command', files: { Dockerfile: 'FROM python:3.12\nRUN UV_NO_CACHE=1 uv pip install --system -r r.txt\n' } },
    { name: 'uv commands that install nothing', files: { Dockerfile: 'FROM python:3.12\nRUN uv version ; uv pip compile pyproject.toml -o r.txt && uv export -o r.txt\n' } },
    { name: 'pip, not uv', files: { Dockerfile: 'FROM python:3.12\nRUN pip install uv\n' } },
    { name: "another user's cache mounted for that user", files: { Dockerfile: 'FROM python:3.12\nUSER app\nRUN --mount=type=cache,target=/home/app/.cache/uv uv sync --frozen\n' } },
  ],
  invalid: [
    {
      name: 'the seed after uv-sync: a single-line RUN',
      files: { Dockerfile: 'FROM python:3.12\nWORKDIR /app\nRUN uv sync --frozen --no-dev\nENV PATH="/app/.venv/bin:$PATH"\n' },
      errors: [{ line: 3, column: 5, message: '`uv sync` runs without a cache mount' }],
      output: { Dockerfile: 'FROM python:3.12\nWORKDIR /app\nRUN --mount=type=cache,target=/root/.cache/uv \\\n    uv sync --frozen --no-dev\nENV PATH="/app/.venv/bin:$PATH"\n' },
    },
    {
      name: 'other mounts already on their own lines',
      files: {
        Dockerfile: 'FROM python:3.12\nRUN --mount=type=bind,source=uv.lock,target=uv.lock \\\n    --mount=type=bind,source=pyproject.toml,target=pyproject.toml \\\n    uv sync --locked --no-install-project\n',
      },
      errors: [{ line: 4, column: 5 }],
      output: {
        Dockerfile:
          'FROM python:3.12\nRUN --mount=type=bind,source=uv.lock,target=uv.lock \\\n    --mount=type=bind,source=pyproject.toml,target=pyproject.toml \\\n    --mount=type=cache,target=/root/.cache/uv \\\n    uv sync --locked --no-install-project\n',
      },
    },
    {
      name: 'decided per RUN: --no-cache in one RUN does not excuse the other',
      files: { Dockerfile: 'FROM python:3.12\nRUN uv sync --frozen --no-cache --no-install-project\nCOPY . .\nRUN uv sync --frozen\n' },
      errors: [{ line: 4 }],
      output: { Dockerfile: 'FROM python:3.12\nRUN uv sync --frozen --no-cache --no-install-project\nCOPY . .\nRUN --mount=type=cache,target=/root/.cache/uv \\\n    uv sync --frozen\n' },
    },
    {
      name: 'a cache mount somewhere else; the target follows UV_CACHE_DIR',
      files: { Dockerfile: 'FROM python:3.12\nENV UV_CACHE_DIR=/opt/uv-cache\nRUN --mount=type=cache,target=/var/cache/apt uv pip install --system -r r.txt\n' },
      errors: [{ line: 3, message: 'target=/opt/uv-cache' }],
      output: { Dockerfile: 'FROM python:3.12\nENV UV_CACHE_DIR=/opt/uv-cache\nRUN --mount=type=cache,target=/var/cache/apt --mount=type=cache,target=/opt/uv-cache \\\n    uv pip install --system -r r.txt\n' },
    },
    {
      name: "a mount on another user's cache while the RUN runs as root, whose cache is /root/.cache/uv",
      files: { Dockerfile: 'FROM python:3.12\nENV USER=app\nRUN --mount=type=cache,target=/home/$USER/.cache/uv uv sync --frozen\n' },
      errors: [{ line: 3 }],
      output: { Dockerfile: 'FROM python:3.12\nENV USER=app\nRUN --mount=type=cache,target=/home/$USER/.cache/uv --mount=type=cache,target=/root/.cache/uv \\\n    uv sync --frozen\n' },
    },
    {
      name: 'a heredoc RUN: the flag stays on the RUN line',
      files: { Dockerfile: 'FROM python:3.12\nRUN <<EOF\nset -e\nuv sync --frozen\nEOF\n' },
      errors: [{ line: 4, column: 1 }],
      output: { Dockerfile: 'FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/uv <<EOF\nset -e\nuv sync --frozen\nEOF\n' },
    },
    {
      name: 'CRLF',
      files: { Dockerfile: crlf('FROM python:3.12\nRUN uv sync\n') },
      errors: [{ line: 2 }],
      output: { Dockerfile: crlf('FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/uv \\\n    uv sync\n') },
    },
  ],
});

describe('dockerfile/uv-cache-mount as another user', () => {
  it('reports, but has no target to suggest for a user whose home it does not know', () => {
    const files = { Dockerfile: 'FROM python:3.12\nUSER app\nRUN uv sync --frozen\n' };
    const [finding] = lintFiles(files).filter((f) => f.rule === 'dockerfile/uv-cache-mount');
    assert.ok(finding.message.includes('<home>/.cache/uv'));
    assert.deepEqual(new Linter().fixes(snapshotOf(files), configOf({}), finding), []);
  });
});

describe('dockerfile/uv-cache-mount: uv spelled across quotes and continuations', () => {
  // The uv rules skip the shell script of a RUN whose text cannot call uv; these spellings can.
  const spellings: Record<string, string> = {
    'empty quotes inside the word': 'RUN u""v sync --frozen\n',
    'quoted letters': "RUN 'u'\"v\" sync --frozen\n",
    'a backslash inside the word': 'RUN u\\v sync --frozen\n',
    'a line continuation inside the word': 'RUN u\\\nv sync --frozen\n',
    'a path': 'RUN /usr/local/bin/uv pip install --system -r r.txt\n',
    'python -m uv': 'RUN python3 -m uv pip install --system -r r.txt\n',
    'a heredoc body': 'RUN <<EOF\nset -e\nuv sync --frozen\nEOF\n',
    'an unterminated heredoc body': 'RUN <<EOF\nuv sync --frozen\n',
    'a backquote continuation': '# escape=`\nFROM python:3.12\nRUN echo a && `\n    u`\nv sync --frozen\n',
  };
  for (const [name, run] of Object.entries(spellings)) {
    it(name, () => {
      const text = run.startsWith('#') ? run : `FROM python:3.12\n${run}`;
      const found = lintFiles({ Dockerfile: text }).filter((f) => f.rule === 'dockerfile/uv-cache-mount');
      assert.equal(found.length, 1, text);
    });
  }
});
