import * as assert from 'node:assert/strict';
import { lintFiles, testRule } from '../../../support/rule-tester';

const COMPOSE = (volumes: string[]) =>
  `services:\n  app:\n    build: .\n    image: app:latest\n    volumes:\n${volumes.map((v) => `      - ${v}\n`).join('')}`;
const SCRIPT = (flags: string) => `#!/usr/bin/env bash\nset -euo pipefail\npodman run --rm ${flags} app:latest\n`;

testRule('dockerfile/volume-dirs', {
  valid: [
    {
      name: 'every mounted path is created',
      files: {
        Dockerfile: 'FROM python:3.12\nWORKDIR /app\nCOPY models/ ./models/\nRUN mkdir -p /app/{export,sessions} && install -d -m 0755 /app/cache\nVOLUME /app/data\n',
        'docker-compose.yml': COMPOSE(['./export:/app/export', './sessions:/app/sessions/', './models:/app/models', 'cache:/app/cache', './data:/app/data', './app:/app']),
      },
    },
    {
      name: 'paths outside the WORKDIR tree',
      files: {
        Dockerfile: 'FROM python:3.12\nWORKDIR /app\n',
        'docker-compose.yml': COMPOSE(['/etc/localtime:/etc/localtime:ro', '/dev/dri:/dev/dri', './cfg:/config']),
      },
    },
    {
      name: 'a file mounted into the tree',
      files: { Dockerfile: 'FROM python:3.12\nWORKDIR /app\n', 'docker-compose.yml': COMPOSE(['./settings.toml:/app/settings.toml:ro']) },
    },
    {
      name: 'a parent created by mkdir -p of a child, relative to WORKDIR',
      files: { Dockerfile: 'FROM python:3.12\nWORKDIR /app\nRUN mkdir -p data/cache\n', 'docker-compose.yml': COMPOSE(['./data:/app/data']) },
    },
    {
      name: 'no WORKDIR: no tree to judge',
      files: { Dockerfile: 'FROM python:3.12\n', 'docker-compose.yml': COMPOSE(['./data:/app/data']) },
    },
    {
      name: 'a compose service that runs another image',
      files: { Dockerfile: 'FROM python:3.12\nWORKDIR /app\n', 'docker-compose.yml': 'services:\n  db:\n    image: postgres:16\n    volumes:\n      - ./pg:/app/pg\n' },
    },
    {
      name: 'created in the stage the final stage is built on',
      files: { Dockerfile: 'FROM python:3.12 AS base\nWORKDIR /app\nRUN mkdir -p /app/export\nFROM base\nCMD ["python"]\n', 'docker-compose.yml': COMPOSE(['./export:/app/export']) },
    },
  ],
  invalid: [
    {
      name: 'the seed: added to the mkdir -p that creates its siblings, related to both mounts',
      files: {
        Dockerfile: 'FROM python:3.12\nWORKDIR /app\nCOPY . .\n\nRUN mkdir -p /app/export /app/models\n\nCMD ["python", "-m", "tobs"]\n',
        'docker-compose.yml': COMPOSE(['./export:/app/export', './sessions:/app/sessions', './models:/app/models']),
        'run-tobs.sh': SCRIPT('-v "$PWD/export":/app/export -v "$PWD/sessions":/app/sessions'),
      },
      errors: [{ line: 5, column: 26, message: '/app/sessions is mounted by docker-compose.yml and run-tobs.sh' }],
      output: { Dockerfile: 'FROM python:3.12\nWORKDIR /app\nCOPY . .\n\nRUN mkdir -p /app/export /app/models /app/sessions\n\nCMD ["python", "-m", "tobs"]\n' },
    },
    {
      name: 'relative siblings get a relative path; other commands in the RUN stay',
      files: {
        Dockerfile: 'FROM python:3.12\nWORKDIR /srv/app\nRUN mkdir -p logs && chown -R 1000:1000 logs\n',
        'run.sh': SCRIPT('-v ./logs:/srv/app/logs -v ./out:/srv/app/out'),
        'docker-compose.yml': 'services:\n  app:\n    build: .\n    image: app:latest\n',
      },
      errors: [{ file: 'Dockerfile', line: 3, message: '/srv/app/out is mounted by run.sh' }],
      output: { Dockerfile: 'FROM python:3.12\nWORKDIR /srv/app\nRUN mkdir -p logs out && chown -R 1000:1000 logs\n' },
    },
    {
      name: 'no mkdir yet: one RUN mkdir -p after the WORKDIR, then the others join it',
      files: {
        Dockerfile: 'FROM python:3.12\nWORKDIR /app\nCOPY . .\nCMD ["python"]\n',
        'docker-compose.yml': COMPOSE(['/srv/a:/app/a', 'b-data:/app/b']),
      },
      errors: [{ line: 2, message: '/app/a' }, { line: 2, message: '/app/b' }],
      output: { Dockerfile: 'FROM python:3.12\nWORKDIR /app\nRUN mkdir -p /app/a /app/b\nCOPY . .\nCMD ["python"]\n' },
    },
  ],
});

describe('dockerfile/volume-dirs related locations', () => {
  it('point at each mount that needs the path', () => {
    const [finding] = lintFiles({
      Dockerfile: 'FROM python:3.12\nWORKDIR /app\nRUN mkdir -p /app/export\n',
      'docker-compose.yml': COMPOSE(['./sessions:/app/sessions']),
      'run-tobs.sh': SCRIPT('-v "$PWD/sessions":/app/sessions'),
    }).filter((f) => f.rule === 'dockerfile/volume-dirs');
    assert.deepEqual(
      finding.related.map((r) => `${r.uri.replace('file:///ws/', '')}:${r.range.start.line + 1}`),
      ['docker-compose.yml:6', 'run-tobs.sh:3'],
    );
  });
});
