// Shapes from the false-positive audit (docs/false-positives.md): each case is a corpus file cut
// down to what made a rule wrong, with the rule's verdict after the fix; beside them, the nearest
// shapes the rule must still report, so that a fix cannot pass by silencing the rule.

import * as assert from 'node:assert/strict';
import { defaultConfig, Linter } from '../../server/src/engine/index';
import { lintFiles, snapshotOf } from '../support/rule-tester';

interface Shape {
  rule: string;
  /** Where in the corpus the shape comes from. */
  name: string;
  files: Record<string, string>;
  reported: boolean;
}

const lines = (...l: string[]) => l.join('\n') + '\n';

const SHAPES: Shape[] = [
  // dockerfile/healthcheck: images that run no service
  { rule: 'dockerfile/healthcheck', name: 'a base image without CMD (docker-library golang, .NET runtime)', files: { Dockerfile: lines('FROM buildpack-deps:trixie-scm', 'ENV GOLANG_VERSION 1.26', 'RUN set -eux; echo build') }, reported: false },
  { rule: 'dockerfile/healthcheck', name: 'a bare interpreter (docker-library python: CMD ["python3"])', files: { Dockerfile: lines('FROM debian:bookworm-slim', 'RUN apt-get install -y python3', 'CMD ["python3"]') }, reported: false },
  { rule: 'dockerfile/healthcheck', name: 'an interactive prompt behind an entrypoint script (docker-library php cli)', files: { Dockerfile: lines('FROM alpine:3.23', 'ENTRYPOINT ["docker-php-entrypoint"]', 'CMD ["php", "-a"]') }, reported: false },
  { rule: 'dockerfile/healthcheck', name: 'an idle dev container (devcontainers universal)', files: { Dockerfile: lines('FROM ubuntu:noble', 'CMD [ "sleep", "infinity" ]') }, reported: false },
  { rule: 'dockerfile/healthcheck', name: 'a --help default (jessfraz consul, viewdocs)', files: { Dockerfile: lines('FROM alpine:latest', 'ENTRYPOINT [ "consul" ]', 'CMD [ "--help" ]') }, reported: false },
  { rule: 'dockerfile/healthcheck', name: 'a desktop app in a container (jessfraz slack)', files: { Dockerfile: lines('FROM debian:bullseye-slim', 'ENTRYPOINT ["/usr/lib/slack/slack"]') }, reported: false },
  { rule: 'dockerfile/healthcheck', name: 'a stdio MCP server (modelcontextprotocol git)', files: { Dockerfile: lines('FROM python:3.12-slim-bookworm', 'COPY --from=uv /app/.venv /app/.venv', 'ENTRYPOINT ["mcp-server-git"]') }, reported: false },
  { rule: 'dockerfile/healthcheck', name: 'a test fixture idling in top (compose-go testdata)', files: { Dockerfile: lines('FROM busybox:1.31.0-uclibc', 'CMD  top') }, reported: false },
  { rule: 'dockerfile/healthcheck', name: 'the tobs image: python -m tobs', files: { Dockerfile: lines('FROM python:3.11-slim', 'CMD ["python", "-m", "tobs"]') }, reported: true },
  { rule: 'dockerfile/healthcheck', name: 'a uvicorn app (ragflow executor manager)', files: { Dockerfile: lines('FROM python:3.11-slim-bookworm', 'CMD ["uvicorn", "main:app", "--host", "0.0.0.0"]') }, reported: true },
  { rule: 'dockerfile/healthcheck', name: 'a server that publishes a port (awesome-compose sparkjava)', files: { Dockerfile: lines('FROM eclipse-temurin:17-jre-focal', 'EXPOSE 8080', 'CMD java -jar /app.jar') }, reported: true },
  { rule: 'dockerfile/healthcheck', name: 'uv run behind tini (chutch3 homelab)', files: { Dockerfile: lines('FROM python:3.12-slim', 'ENTRYPOINT ["tini", "--"]', 'CMD ["uv", "run", "python", "-m", "warden.main"]') }, reported: true },
  // compose/healthcheck: services that run no service
  {
    rule: 'compose/healthcheck',
    name: 'a one-shot command in a built service (docker/compose e2e TestBuildEscaped)',
    files: { 'compose.yaml': lines('services:', '  echo:', '    build: .', '    command: echo "hello"'), Dockerfile: lines('FROM python:3.12-slim', 'CMD ["python", "-m", "app"]') },
    reported: false,
  },
  {
    rule: 'compose/healthcheck',
    name: 'an idle service (podman test/compose uptwice)',
    files: { 'compose.yaml': lines('services:', '  app:', '    build: .', '    command: sleep 10001'), Dockerfile: lines('FROM alpine', 'EXPOSE 80') },
    reported: false,
  },
  {
    rule: 'compose/healthcheck',
    name: 'a base image built by a service, without ports (docker/compose build-dependencies)',
    files: { 'compose.yaml': lines('services:', '  base:', '    build: .'), Dockerfile: lines('FROM alpine', 'RUN echo base') },
    reported: false,
  },
  {
    rule: 'compose/healthcheck',
    name: 'a service that publishes ports (podman test/compose mount_and_label)',
    files: { 'compose.yaml': lines('services:', '  web:', '    build: .', '    ports:', '      - "5000:5000"'), Dockerfile: lines('FROM alpine', 'CMD ["httpd", "-f"]') },
    reported: true,
  },
  // dockerfile/volume-dirs: folders the image has after all
  {
    rule: 'dockerfile/volume-dirs',
    name: 'node_modules kept in an anonymous volume of the stage compose builds (awesome-compose angular: target builder, npm ci)',
    files: {
      'compose.yaml': lines('services:', '  web:', '    build:', '      context: angular', '      target: builder', '    volumes:', '      - ./angular:/project', '      - /project/node_modules'),
      'angular/Dockerfile': lines('FROM node:17 AS builder', 'WORKDIR /project', 'COPY package.json package-lock.json ./', 'RUN npm ci', 'COPY . .', 'CMD ["ng", "serve"]', 'FROM builder AS dev-envs', 'RUN apt-get install -y git'),
    },
    reported: false,
  },
  {
    rule: 'dockerfile/volume-dirs',
    name: 'source code mounted read-only for live reload (awesome-compose react-express-mysql backend)',
    files: { 'compose.yaml': lines('services:', '  backend:', '    build: backend', '    volumes:', '      - ./backend/src:/code/src:ro'), 'backend/Dockerfile': lines('FROM node:lts', 'WORKDIR /code', 'COPY package.json /code/package.json', 'CMD ["node", "src/index.js"]') },
    reported: false,
  },
  {
    rule: 'dockerfile/volume-dirs',
    name: 'a context folder mounted back where COPY . put it (awesome-compose react-express-mysql frontend)',
    files: { 'compose.yaml': lines('services:', '  frontend:', '    build: frontend', '    volumes:', '      - ./frontend/src:/code/src'), 'frontend/Dockerfile': lines('FROM node:lts', 'WORKDIR /code', 'COPY . /code', 'CMD ["npm", "start"]') },
    reported: false,
  },
  {
    rule: 'dockerfile/volume-dirs',
    name: 'a data folder beside folders the image lays out itself (the tobs seed)',
    files: { 'compose.yaml': lines('services:', '  app:', '    build: .', '    volumes:', '      - ./export:/app/export', '      - ./sessions:/app/sessions'), Dockerfile: lines('FROM python:3.12', 'WORKDIR /app', 'COPY . .', 'RUN mkdir -p /app/export', 'CMD ["python", "-m", "tobs"]') },
    reported: true,
  },
  // script/run-as-root: root on purpose
  {
    rule: 'script/run-as-root',
    name: 'a container run only to chown a volume (jessfraz .dockerfunc)',
    files: { 'run.sh': lines('#!/bin/bash', 'docker run --rm -it \\', '  --user root \\', '  -v "${HOME}/.irssi:/home/user/.irssi" \\', '  irssi \\', '  chown -R user /home/user/.irssi') },
    reported: false,
  },
  {
    rule: 'script/run-as-root',
    name: 'the same container running its application as root',
    files: { 'run.sh': lines('#!/bin/bash', 'docker run --rm -it --user root -v "${HOME}/.irssi:/home/user/.irssi" irssi') },
    reported: true,
  },
];

describe('false-positive shapes from the corpus audit', () => {
  for (const s of SHAPES) {
    it(`${s.rule}: ${s.reported ? 'reports' : 'is quiet on'} ${s.name}`, () => {
      const found = lintFiles(s.files).filter((f) => f.rule === s.rule);
      assert.equal(found.length > 0, s.reported, found.map((f) => f.message).join('\n'));
    });
  }

  it('dockerfile/healthcheck offers its default fix (a python check) only for images that have Python', () => {
    const fixTitles = (dockerfile: string) => {
      const snapshot = snapshotOf({ Dockerfile: dockerfile });
      const linter = new Linter();
      const finding = linter.lint(snapshot, defaultConfig()).find((f) => f.rule === 'dockerfile/healthcheck');
      assert.ok(finding, 'reported');
      return linter.fixes(snapshot, defaultConfig(), finding).map((f) => f.title);
    };
    assert.deepEqual(fixTitles(lines('FROM nginx:1.27', 'EXPOSE 80', 'CMD ["nginx", "-g", "daemon off;"]')), []);
    assert.deepEqual(fixTitles(lines('FROM python:3.12-slim', 'EXPOSE 80', 'CMD ["nginx", "-g", "daemon off;"]')), ['Add a HEALTHCHECK']);
  });
});
