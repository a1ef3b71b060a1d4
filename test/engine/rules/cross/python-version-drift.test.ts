import { crlf, testRule } from '../../../support/rule-tester';

const pyproject = (spec: string) => `[project]\nname = "app"\nversion = "0.1.0"\nrequires-python = "${spec}"\n`;

testRule('cross/python-version-drift', {
  valid: [
    { files: { Dockerfile: 'FROM python:3.12-slim\n', 'pyproject.toml': pyproject('>=3.12') } },
    { files: { Dockerfile: 'ARG PYTHON_VERSION=3.11.8\nFROM python:${PYTHON_VERSION}-slim-bookworm\n', 'pyproject.toml': pyproject('>=3.11') } },
    { name: 'a series that has allowed releases', files: { Dockerfile: 'FROM python:3.12\n', 'pyproject.toml': pyproject('>=3.12.4,<3.13') } },
    { name: 'no pyproject.toml', files: { Dockerfile: 'FROM python:3.8\n' } },
    { name: 'requires-python outside [project] is not the project requirement', files: { Dockerfile: 'FROM python:3.8\n', 'pyproject.toml': '[tool.x]\nrequires-python = ">=3.12"\n' } },
    { name: 'a specifier we do not understand is left alone', files: { Dockerfile: 'FROM python:3.8\n', 'pyproject.toml': pyproject('>=3.12; garbage') } },
    { name: 'not a python image', files: { Dockerfile: 'FROM ghcr.io/astral-sh/uv:python3.10-bookworm-slim\n', 'pyproject.toml': pyproject('>=3.12') } },
    { name: 'digest-pinned FROMs are deliberate', files: { Dockerfile: 'FROM python:3.10-slim@sha256:abc\n', 'pyproject.toml': pyproject('>=3.12') } },
    {
      name: 'the build context comes from compose',
      files: {
        'docker/Dockerfile': 'FROM python:3.10\n',
        'compose.yaml': 'services:\n  app:\n    build:\n      context: .\n      dockerfile: docker/Dockerfile\n',
        'pyproject.toml': pyproject('>=3.10'),
        'docker/pyproject.toml': pyproject('>=3.12'),
      },
    },
  ],
  invalid: [
    {
      name: 'the ARG default is below requires-python',
      files: { Dockerfile: 'ARG PYTHON_VERSION=3.11.8\nFROM python:${PYTHON_VERSION}-slim-bookworm\n', 'pyproject.toml': pyproject('>=3.12') },
      errors: [{ line: 1, column: 20, message: 'Python 3.11.8 but pyproject.toml requires >=3.12' }],
      output: { Dockerfile: 'ARG PYTHON_VERSION=3.12\nFROM python:${PYTHON_VERSION}-slim-bookworm\n' },
    },
    {
      name: 'a literal FROM version, CRLF',
      files: { Dockerfile: crlf('# base\nFROM python:3.10.4-slim AS base\nRUN true\n'), 'pyproject.toml': pyproject('~=3.11') },
      errors: [{ line: 2, column: 13 }],
      output: { Dockerfile: crlf('# base\nFROM python:3.11-slim AS base\nRUN true\n') },
    },
    {
      name: 'an upper bound excludes the image',
      files: { Dockerfile: 'FROM python:3.13\n', 'pyproject.toml': pyproject('>=3.10,<3.13') },
      errors: [{ line: 1, column: 13 }],
      output: { Dockerfile: 'FROM python:3.10\n' },
    },
    {
      name: 'the context from compose is the one that counts',
      files: {
        'docker/Dockerfile': 'FROM python:3.10\n',
        'compose.yaml': 'services:\n  app:\n    build:\n      context: .\n      dockerfile: docker/Dockerfile\n',
        'pyproject.toml': pyproject('>=3.11'),
      },
      errors: [{ file: 'docker/Dockerfile', line: 1, column: 13 }],
      output: { 'docker/Dockerfile': 'FROM python:3.11\n' },
    },
  ],
});
