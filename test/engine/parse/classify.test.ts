import * as assert from 'node:assert/strict';
import { classify } from '../../../server/src/engine/index';

describe('classify', () => {
  const cases: [string, string | undefined, string | undefined][] = [
    ['Dockerfile', undefined, 'dockerfile'],
    ['Containerfile', undefined, 'dockerfile'],
    ['Dockerfile.dev', undefined, 'dockerfile'],
    ['app.dockerfile', undefined, 'dockerfile'],
    ['compose.yaml', undefined, 'compose'],
    ['compose.prod.yml', undefined, 'compose'],
    ['docker-compose.override.yml', undefined, 'compose'],
    ['values.yaml', undefined, undefined],
    ['run.sh', 'podman run --rm tobs\n', 'shell'],
    ['run.sh', 'echo hello\n', undefined],
    ['launch', '#!/usr/bin/env bash\ndocker run x\n', 'shell'],
    ['launch', '#!/bin/sh\n$DOCKER run x\n', 'shell'],
    ['launch', '#!/usr/bin/python3\nprint("docker")\n', undefined],
    ['notes.txt', 'podman run x', undefined],
  ];
  for (const [name, text, expected] of cases) {
    it(`${name}${text ? ` (${JSON.stringify(text.slice(0, 24))})` : ''} → ${expected ?? 'not linted'}`, () => {
      assert.equal(classify(`file:///ws/${name}`, text), expected);
    });
  }
});
