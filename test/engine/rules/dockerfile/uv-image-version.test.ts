import * as assert from 'node:assert/strict';
import { applyEdits, Linter } from '../../../../server/src/engine/index';
import { configOf, lintFiles, snapshotOf, testRule } from '../../../support/rule-tester';

testRule('dockerfile/uv-image-version', {
  valid: [
    { name: 'latest', files: { Dockerfile: 'FROM python:3.12\nCOPY --from=ghcr.io/astral-sh/uv:latest /uv /uvx /bin/\n' } },
    { name: 'the minimum itself and newer', files: { Dockerfile: 'FROM ghcr.io/astral-sh/uv:0.8.0\nCOPY --from=ghcr.io/astral-sh/uv:0.9.2 /uv /bin/uv\nCOPY --from=ghcr.io/astral-sh/uv:0.10 /uv /bin/uv\n' } },
    { name: 'a tag with no uv version', files: { Dockerfile: 'FROM ghcr.io/astral-sh/uv:python3.12-bookworm-slim\nRUN uv sync\n' } },
    { name: 'an unresolved ARG', files: { Dockerfile: 'ARG UV_VERSION\nFROM python:3.12\nCOPY --from=ghcr.io/astral-sh/uv:${UV_VERSION} /uv /bin/uv\n' } },
    { name: 'an ARG whose default is current', files: { Dockerfile: 'ARG UV_VERSION=0.9.2\nFROM ghcr.io/astral-sh/uv:${UV_VERSION}-python3.13-bookworm-slim AS builder\n' } },
    { name: 'a current version with a digest', files: { Dockerfile: 'FROM python:3.12\nCOPY --from=ghcr.io/astral-sh/uv:0.8.13@sha256:0123456789abcdef /uv /bin/uv\n' } },
    { name: 'another image called uv', files: { Dockerfile: 'FROM python:3.12\nCOPY --from=example.com/uv:0.1.0 /uv /bin/uv\nCOPY --from=uv /x /x\n' } },
    { name: 'a minimum from the options', files: { Dockerfile: 'COPY --from=ghcr.io/astral-sh/uv:0.7.2 /uv /bin/uv\n' }, options: { minUvVersion: '0.7.0' } },
  ],
  invalid: [
    {
      name: 'the seed: COPY --from with an old version',
      files: { Dockerfile: 'FROM python:3.12\nCOPY --from=ghcr.io/astral-sh/uv:0.4.20 /uv /bin/uv\n' },
      errors: [{ line: 2, column: 13, message: 'uv 0.4.20 is older than 0.8.0' }],
      output: { Dockerfile: 'FROM python:3.12\nCOPY --from=ghcr.io/astral-sh/uv:0.13.8 /uv /bin/uv\n' },
    },
    {
      name: 'an old version with a digest: the digest goes with it',
      files: { Dockerfile: 'FROM python:3.12\nCOPY --from=ghcr.io/astral-sh/uv:0.5.1@sha256:0123456789abcdef /uv /bin/uv\n' },
      errors: [{ line: 2 }],
      output: { Dockerfile: 'FROM python:3.12\nCOPY --from=ghcr.io/astral-sh/uv:0.13.8 /uv /bin/uv\n' },
    },
    {
      name: 'FROM with a variant, and the version from the options',
      files: { Dockerfile: 'FROM ghcr.io/astral-sh/uv:0.5.1-python3.12-bookworm-slim AS build\nRUN uv sync\n' },
      options: { uvVersion: '0.9.0' },
      errors: [{ line: 1, column: 6 }],
      output: { Dockerfile: 'FROM ghcr.io/astral-sh/uv:0.9.0-python3.12-bookworm-slim AS build\nRUN uv sync\n' },
    },
    {
      name: 'an ARG default: the fix changes the default',
      files: { Dockerfile: 'ARG UV_VERSION=0.4.17\nFROM python:3.12\nARG UV_VERSION\nCOPY --from=ghcr.io/astral-sh/uv:${UV_VERSION} /uv /bin/uv\n' },
      errors: [{ line: 4, message: 'the default of ARG UV_VERSION' }],
      output: { Dockerfile: 'ARG UV_VERSION=0.13.8\nFROM python:3.12\nARG UV_VERSION\nCOPY --from=ghcr.io/astral-sh/uv:${UV_VERSION} /uv /bin/uv\n' },
    },
    {
      name: 'RUN --mount=from= and the Docker Hub mirror',
      files: { Dockerfile: 'FROM python:3.12\nRUN --mount=from=astral/uv:0.6.0,source=/uv,target=/bin/uv uv --version\n' },
      errors: [{ line: 2, column: 18 }],
      output: { Dockerfile: 'FROM python:3.12\nRUN --mount=from=astral/uv:0.13.8,source=/uv,target=/bin/uv uv --version\n' },
    },
  ],
});

describe('dockerfile/uv-image-version alternative fix', () => {
  it('offers the floating tag, as the seed chose', () => {
    for (const [before, after] of [
      ['ghcr.io/astral-sh/uv:0.4.20', 'ghcr.io/astral-sh/uv:latest'],
      ['ghcr.io/astral-sh/uv:0.5.1-python3.12-bookworm@sha256:0123', 'ghcr.io/astral-sh/uv:python3.12-bookworm'],
    ]) {
      const files = { Dockerfile: `FROM ${before}\n` };
      const [finding] = lintFiles(files).filter((f) => f.rule === 'dockerfile/uv-image-version');
      const fixes = new Linter().fixes(snapshotOf(files), configOf({}), finding);
      assert.deepEqual(fixes.map((f) => f.preferred), [true, false]);
      assert.equal(applyEdits(files.Dockerfile, fixes[1].edits), `FROM ${after}\n`);
    }
  });
});
