import { crlf, testRule } from '../../../support/rule-tester';
import { ARG_DOCKERFILE, lines, TOBS, TOBS_AFTER, TOBS_COMPOSE, TOBS_DOCKERFILE } from './fixtures';

const PASSED = '${PYTHON_VERSION:-3.11.8}';
const TOBS_COMPOSE_FIXED = TOBS_COMPOSE.replace('        https_proxy: ""\n', `        https_proxy: ""\n        PYTHON_VERSION: ${PASSED}\n`);
const TOBS_DOCKERFILE_FIXED = TOBS_DOCKERFILE.replace('FROM python:3.11.8-slim-bookworm', 'ARG PYTHON_VERSION=3.11.8\nFROM python:${PYTHON_VERSION}-slim-bookworm');
const withArg = (compose: string) => ({ 'compose.yml': compose, Dockerfile: ARG_DOCKERFILE });

testRule('compose/build-args', {
  valid: [
    { name: 'the tobs after set', files: TOBS_AFTER },
    { name: 'passed in mapping form', files: withArg(lines('services:', '  app:', '    build:', '      context: .', '      args:', `        PYTHON_VERSION: ${PASSED}`)) },
    { name: 'passed through in list form', files: withArg(lines('services:', '  app:', '    build:', '      context: .', '      args:', '        - PYTHON_VERSION')) },
    { name: 'an ARG used only after FROM', files: { 'compose.yml': lines('services:', '  app:', '    build: .'), Dockerfile: lines('ARG APP_ENV=prod', 'FROM debian:12', 'ARG APP_ENV', 'RUN echo $APP_ENV') } },
    {
      name: 'platform ARGs come from the builder',
      files: { 'compose.yml': lines('services:', '  app:', '    build: .'), Dockerfile: lines('ARG TARGETARCH', 'FROM --platform=$BUILDPLATFORM golang:1.22 AS build', 'FROM debian:12-${TARGETARCH}') },
    },
    { name: 'a digest-pinned Python image is left alone', files: { 'compose.yml': lines('services:', '  app:', '    build: .'), Dockerfile: lines('FROM python:3.12-slim-bookworm@sha256:' + 'a'.repeat(64)) } },
    { name: 'a service that only runs an image', files: { 'compose.yml': lines('services:', '  db:', '    image: python:3.12') } },
    { name: 'a Dockerfile the project does not have', files: { 'compose.yml': lines('services:', '  app:', '    build: ./elsewhere') } },
    {
      name: 'args merged in from an anchor',
      files: withArg(lines('x-args: &args', `  PYTHON_VERSION: ${PASSED}`, 'services:', '  app:', '    build:', '      context: .', '      args: *args')),
    },
  ],
  invalid: [
    {
      name: 'the tobs set: one action moves the version into an ARG and passes it',
      files: TOBS,
      errors: [{ file: 'docker-compose.yml', line: 5, column: 5, message: 'Service tobs builds Dockerfile from Python 3.11.8 written into FROM' }],
      output: { 'docker-compose.yml': TOBS_COMPOSE_FIXED, Dockerfile: TOBS_DOCKERFILE_FIXED },
    },
    {
      name: 'the tobs set with CRLF line endings',
      files: { 'docker-compose.yml': crlf(TOBS_COMPOSE), Dockerfile: crlf(TOBS_DOCKERFILE) },
      errors: [{ file: 'docker-compose.yml', line: 5 }],
      output: { 'docker-compose.yml': crlf(TOBS_COMPOSE_FIXED), Dockerfile: crlf(TOBS_DOCKERFILE_FIXED) },
    },
    {
      name: 'the ARG exists: `build: .` becomes the long form',
      files: withArg(lines('services:', '  app:', '    build: .  # the app', '    image: app')),
      errors: [{ line: 3, column: 5, message: 'whose FROM uses ARG PYTHON_VERSION' }],
      output: { 'compose.yml': lines('services:', '  app:', '    build:', '      context: .  # the app', '      args:', `        PYTHON_VERSION: ${PASSED}`, '    image: app') },
    },
    {
      name: 'args: is created after the other build keys',
      files: withArg(lines('services:', '  app:', '    build:', '      context: .', '      dockerfile: Dockerfile', '    image: app')),
      errors: [{ line: 3 }],
      output: { 'compose.yml': lines('services:', '  app:', '    build:', '      context: .', '      dockerfile: Dockerfile', '      args:', `        PYTHON_VERSION: ${PASSED}`, '    image: app') },
    },
    {
      name: 'list-form args get a new item',
      files: withArg(lines('services:', '  app:', '    build:', '      context: .', '      args:', '        - APP_ENV=prod  # env', '    image: app')),
      errors: [{ line: 3 }],
      output: { 'compose.yml': lines('services:', '  app:', '    build:', '      context: .', '      args:', '        - APP_ENV=prod  # env', `        - PYTHON_VERSION=${PASSED}`, '    image: app') },
    },
    {
      name: 'flow style',
      files: withArg(lines('services:', '  app: {build: {context: ., args: {APP_ENV: prod}}}')),
      errors: [{ line: 2, column: 9 }],
      output: { 'compose.yml': lines('services:', `  app: {build: {context: ., args: {APP_ENV: prod, PYTHON_VERSION: "${PASSED}"}}}`) },
    },
    {
      name: 'an ARG without a default, and a second one, each reported',
      files: {
        'compose.yml': lines('services:', '  app:', '    build:', '      context: .'),
        Dockerfile: lines('ARG REGISTRY', 'ARG BASE=python:3.12-slim', 'FROM ${REGISTRY}/${BASE}'),
      },
      errors: [{ line: 3, message: 'ARG REGISTRY' }, { line: 3, message: 'ARG BASE' }],
      output: { 'compose.yml': lines('services:', '  app:', '    build:', '      context: .', '      args:', '        REGISTRY: ${REGISTRY}', '        BASE: ${BASE:-python:3.12-slim}') },
    },
    {
      name: 'a Dockerfile named in build, in a sub-folder',
      files: {
        'compose.yml': lines('services:', '  api:', '    build:', '      context: .', '      dockerfile: docker/api.Dockerfile'),
        'docker/api.Dockerfile': lines('FROM python:3.10.12-slim AS base', 'FROM base'),
      },
      errors: [{ line: 3, message: 'builds api.Dockerfile from Python 3.10.12' }],
      output: {
        'compose.yml': lines('services:', '  api:', '    build:', '      context: .', '      dockerfile: docker/api.Dockerfile', '      args:', '        PYTHON_VERSION: ${PYTHON_VERSION:-3.10.12}'),
        'docker/api.Dockerfile': lines('ARG PYTHON_VERSION=3.10.12', 'FROM python:${PYTHON_VERSION}-slim AS base', 'FROM base'),
      },
    },
  ],
});
