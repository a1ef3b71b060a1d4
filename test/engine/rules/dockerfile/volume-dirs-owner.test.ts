import * as assert from 'node:assert/strict';
import { Linter } from '../../../../server/src/engine/index';
import { configOf, crlf, lintFiles, snapshotOf, testRule } from '../../../support/rule-tester';

const COMPOSE = (volumes: string[], extra = '') =>
  `services:\n  app:\n    build: .\n    image: app:latest\n${extra}    volumes:\n${volumes.map((v) => `      - ${v}\n`).join('')}volumes:\n  data:\n`;
const SCRIPT = (flags: string) => `#!/usr/bin/env bash\nset -euo pipefail\npodman run --rm ${flags} app:latest\n`;
const USER_APP = 'RUN useradd -m -u 1000 app\n';

testRule('dockerfile/volume-dirs-owner', {
  valid: [
    {
      name: 'chowned in the same RUN',
      files: { Dockerfile: `FROM python:3.12\n${USER_APP}RUN mkdir -p /app/data && chown app /app/data\nUSER app\n`, 'docker-compose.yml': COMPOSE(['data:/app/data']) },
    },
    {
      name: 'chowned recursively later, through a variable',
      files: { Dockerfile: `FROM python:3.12\nENV APP_DIR=/app\n${USER_APP}RUN mkdir -p $APP_DIR/data\nRUN chown -R app:app "$APP_DIR"\nUSER app\n`, 'docker-compose.yml': COMPOSE(['data:/app/data']) },
    },
    { name: 'created by the user itself', files: { Dockerfile: `FROM python:3.12\n${USER_APP}USER app\nRUN mkdir -p /home/app/data\n`, 'docker-compose.yml': COMPOSE(['data:/home/app/data']) } },
    { name: 'open to everyone', files: { Dockerfile: `FROM python:3.12\n${USER_APP}RUN mkdir -m 1777 /cache\nUSER app\n`, 'docker-compose.yml': COMPOSE(['/cache']) } },
    { name: 'install -d -o', files: { Dockerfile: `FROM python:3.12\n${USER_APP}RUN install -d -o app -g app /app/data\nUSER app\n`, 'docker-compose.yml': COMPOSE(['data:/app/data']) } },
    { name: 'COPY --chown', files: { Dockerfile: `FROM python:3.12\n${USER_APP}COPY --chown=app:app seed/ /app/data/\nUSER app\n`, 'docker-compose.yml': COMPOSE(['data:/app/data']) } },
    { name: 'a bind mount takes the host folder', files: { Dockerfile: `FROM python:3.12\n${USER_APP}RUN mkdir -p /app/data\nUSER app\n`, 'docker-compose.yml': COMPOSE(['./data:/app/data']) } },
    { name: 'the container runs as root', files: { Dockerfile: 'FROM python:3.12\nRUN mkdir -p /app/data\n', 'docker-compose.yml': COMPOSE(['data:/app/data']) } },
    {
      name: 'compose runs it as root although the image has a USER',
      files: { Dockerfile: `FROM python:3.12\n${USER_APP}RUN mkdir -p /app/data\nUSER app\n`, 'docker-compose.yml': COMPOSE(['data:/app/data'], '    user: root\n') },
    },
    { name: 'not created in the image (volume-dirs says so)', files: { Dockerfile: `FROM python:3.12\n${USER_APP}USER app\n`, 'docker-compose.yml': COMPOSE(['data:/app/data']) } },
  ],
  invalid: [
    {
      name: 'a named volume on a folder mkdir creates as root; the image runs as app: chown in the same RUN',
      files: { Dockerfile: `FROM python:3.12\n${USER_APP}WORKDIR /app\nRUN mkdir -p /app/data /app/logs && pip install x\nUSER app\n`, 'docker-compose.yml': COMPOSE(['data:/app/data', './logs:/app/logs']) },
      errors: [{ line: 4, column: 14, message: '/app/data is created by root, and the volume mounted there (docker-compose.yml) takes that ownership on first use, but the container runs as app' }],
      output: { Dockerfile: `FROM python:3.12\n${USER_APP}WORKDIR /app\nRUN mkdir -p /app/data /app/logs && chown app /app/data && pip install x\nUSER app\n` },
    },
    {
      name: 'two folders of one mkdir, the user from compose and from the script: one chown',
      files: {
        Dockerfile: 'FROM python:3.12\nRUN mkdir -p /data/{db,cache}\n',
        'docker-compose.yml': COMPOSE(['data:/data/db'], '    user: "1000:1000"\n'),
        'run.sh': SCRIPT('--user 1000:1000 -v /data/cache'),
      },
      errors: [{ line: 2, message: '/data/db' }, { line: 2, message: '/data/cache' }],
      output: { Dockerfile: 'FROM python:3.12\nRUN mkdir -p /data/{db,cache} && chown 1000:1000 /data/db /data/cache\n' },
    },
    {
      name: 'created as the parent of a deeper folder: chown -R',
      files: { Dockerfile: 'FROM python:3.12\nRUN mkdir -p /srv/state/tmp\n', 'run.sh': SCRIPT('-u 1000 -v state:/srv/state'), 'compose.yaml': 'services:\n  app:\n    build: .\n    image: app:latest\n' },
      errors: [{ line: 2, file: 'Dockerfile' }],
      output: { Dockerfile: 'FROM python:3.12\nRUN mkdir -p /srv/state/tmp && chown -R 1000 /srv/state\n' },
    },
    {
      name: 'a COPY destination gets --chown',
      files: { Dockerfile: `FROM python:3.12\n${USER_APP}COPY seed/ /app/data/\nUSER app\n`, 'docker-compose.yml': COMPOSE(['data:/app/data']) },
      errors: [{ line: 3 }],
      output: { Dockerfile: `FROM python:3.12\n${USER_APP}COPY --chown=app seed/ /app/data/\nUSER app\n` },
    },
    {
      name: 'CRLF',
      files: { Dockerfile: crlf('FROM python:3.12\nRUN mkdir -p /data\nUSER 1000\n'), 'docker-compose.yml': COMPOSE(['data:/data']) },
      errors: [{ line: 2 }],
      output: { Dockerfile: crlf('FROM python:3.12\nRUN mkdir -p /data && chown 1000 /data\nUSER 1000\n') },
    },
  ],
});

describe('dockerfile/volume-dirs-owner', () => {
  it('relates the volume and the user setting', () => {
    const [finding] = lintFiles({ Dockerfile: 'FROM python:3.12\nRUN mkdir -p /data\nUSER 1000\n', 'docker-compose.yml': COMPOSE(['data:/data']) }).filter(
      (f) => f.rule === 'dockerfile/volume-dirs-owner',
    );
    assert.deepEqual(
      finding.related.map((r) => [r.uri.replace(/.*\//, ''), r.range.start.line + 1, r.message]),
      [
        ['docker-compose.yml', 6, 'volume data mounts /data here'],
        ['Dockerfile', 3, 'the container runs as 1000'],
      ],
    );
  });

  it('offers no fix when the user is made after the folder', () => {
    const files = { Dockerfile: 'FROM python:3.12\nRUN mkdir -p /data\nRUN useradd app\nUSER app\n', 'docker-compose.yml': COMPOSE(['data:/data']) };
    const [finding] = lintFiles(files).filter((f) => f.rule === 'dockerfile/volume-dirs-owner');
    assert.equal(finding.range.start.line, 1);
    assert.deepEqual(new Linter().fixes(snapshotOf(files), configOf({}), finding), []);
  });
});
