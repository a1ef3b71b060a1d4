import * as assert from 'node:assert/strict';
import { Linter } from '../../../../server/src/engine/index';
import type { ParsedDockerfile } from '../../../../server/src/engine/parse/dockerfile';
import { pythonVersionArgEdits } from '../../../../server/src/engine/rules/dockerfile/python-version-arg';
import { applyEdits } from '../../../../server/src/engine/fix';
import { configOf, crlf, snapshotOf, testRule } from '../../../support/rule-tester';

testRule('dockerfile/python-version-arg', {
  valid: [
    { name: 'tag from an ARG', files: { Dockerfile: 'ARG PYTHON_VERSION=3.12\nFROM python:${PYTHON_VERSION}-slim\n' } },
    { name: 'digest-pinned', files: { Dockerfile: 'FROM python:3.12-slim-bookworm@sha256:0123456789abcdef\n' } },
    { name: 'digest only', files: { Dockerfile: 'FROM python@sha256:0123456789abcdef\n' } },
    { name: 'no tag', files: { Dockerfile: 'FROM python\n' } },
    { name: 'tag without a version', files: { Dockerfile: 'FROM python:slim-bookworm\n' } },
    { name: 'another image', files: { Dockerfile: 'FROM ghcr.io/astral-sh/uv:0.8.13\nFROM mypython:3.12\nFROM someone/python:3.12\n' } },
    { name: 'a stage name', files: { Dockerfile: 'ARG V=3.12\nFROM python:${V} AS python\nFROM python\n' } },
  ],
  invalid: [
    {
      name: 'the seed: a full version with a variant',
      files: { Dockerfile: 'FROM python:3.11.8-slim-bookworm\n\nCMD ["python"]\n' },
      errors: [{ line: 1, column: 6, message: 'Python 3.11.8' }],
      output: { Dockerfile: 'ARG PYTHON_VERSION=3.11.8\nFROM python:${PYTHON_VERSION}-slim-bookworm\n\nCMD ["python"]\n' },
    },
    {
      name: 'a bare version, docker.io/library name, platform flag and stage name',
      files: { Dockerfile: 'FROM --platform=$BUILDPLATFORM docker.io/library/python:3.12 AS base\nRUN true\n' },
      errors: [{ line: 1, column: 32 }],
      output: { Dockerfile: 'ARG PYTHON_VERSION=3.12\nFROM --platform=$BUILDPLATFORM docker.io/library/python:${PYTHON_VERSION} AS base\nRUN true\n' },
    },
    {
      name: 'after parser directives, above the comment on the first FROM',
      files: { Dockerfile: '# syntax=docker/dockerfile:1\n# The base image\nFROM python:3.10.12-slim AS base\n' },
      errors: [{ line: 3 }],
      output: { Dockerfile: '# syntax=docker/dockerfile:1\nARG PYTHON_VERSION=3.10.12\n# The base image\nFROM python:${PYTHON_VERSION}-slim AS base\n' },
    },
    {
      name: 'a uv builder with Python and a python final stage move together (corpus: uv-docker-example multistage)',
      files: { Dockerfile: 'FROM ghcr.io/astral-sh/uv:python3.12-bookworm-slim AS builder\nRUN uv sync\nFROM python:3.12-slim-bookworm\nCOPY --from=builder /app /app\n' },
      errors: [{ line: 1, column: 6 }, { line: 3 }],
      output: { Dockerfile: 'ARG PYTHON_VERSION=3.12\nFROM ghcr.io/astral-sh/uv:python${PYTHON_VERSION}-bookworm-slim AS builder\nRUN uv sync\nFROM python:${PYTHON_VERSION}-slim-bookworm\nCOPY --from=builder /app /app\n' },
    },
    {
      name: 'two stages on one version share the ARG',
      files: { Dockerfile: 'ARG APP=x\nFROM python:3.12-slim AS build\nRUN true\nFROM docker.io/python:3.12-slim\nCMD ["python"]\n' },
      errors: [{ line: 2 }, { line: 4 }],
      output: {
        Dockerfile: 'ARG APP=x\nARG PYTHON_VERSION=3.12\nFROM python:${PYTHON_VERSION}-slim AS build\nRUN true\nFROM docker.io/python:${PYTHON_VERSION}-slim\nCMD ["python"]\n',
      },
    },
    {
      name: 'a declared ARG without a default gets one',
      files: { Dockerfile: 'ARG PYTHON_VERSION\nFROM python:3.13-alpine\n' },
      errors: [{ line: 2 }],
      output: { Dockerfile: 'ARG PYTHON_VERSION=3.13\nFROM python:${PYTHON_VERSION}-alpine\n' },
    },
    {
      name: 'CRLF',
      files: { Dockerfile: crlf('FROM python:3.12-slim\nCMD ["python"]\n') },
      errors: [{ line: 1 }],
      output: { Dockerfile: crlf('ARG PYTHON_VERSION=3.12\nFROM python:${PYTHON_VERSION}-slim\nCMD ["python"]\n') },
    },
    {
      name: 'a different declared default: reported, no fix',
      files: { Dockerfile: 'ARG PYTHON_VERSION=3.11\nFROM python:3.12-slim\n' },
      errors: [{ line: 2 }],
    },
  ],
});

describe('pythonVersionArgEdits', () => {
  function parsed(text: string): ParsedDockerfile {
    const snapshot = snapshotOf({ Dockerfile: text });
    return new Linter().project(snapshot, configOf({})).dockerfiles[0];
  }

  it('gives the edits of the first Python FROM with its version', () => {
    const file = parsed('FROM python:3.11.8-slim-bookworm AS build\nFROM python:3.12\n');
    const result = pythonVersionArgEdits(file)!;
    assert.equal(result.name, 'PYTHON_VERSION');
    assert.equal(result.version, '3.11.8');
    assert.equal(applyEdits(file.source.text, result.edits), 'ARG PYTHON_VERSION=3.11.8\nFROM python:${PYTHON_VERSION}-slim-bookworm AS build\nFROM python:3.12\n');
  });

  it('is undefined when the rule would not fire', () => {
    assert.equal(pythonVersionArgEdits(parsed('ARG PYTHON_VERSION=3.12\nFROM python:${PYTHON_VERSION}\n')), undefined);
    assert.equal(pythonVersionArgEdits(parsed('FROM python:3.12@sha256:0123\n')), undefined);
    assert.equal(pythonVersionArgEdits(parsed('FROM debian:bookworm\n')), undefined);
  });
});
