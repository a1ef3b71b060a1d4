// What a stage sees at a line: the environment and working directory, whatever order the rules ask in.

import * as assert from 'node:assert/strict';
import { parseDockerfile } from '../../../../../server/src/engine/parse/dockerfile';
import { environmentAt, workdirAt } from '../../../../../server/src/engine/rules/dockerfile/shared/stages';
import { SourceText } from '../../../../../server/src/engine/text';

const DOCKERFILE = [
  'ARG BASE=/srv', //                            0
  'FROM python:3.12-slim AS base', //            1
  'ENV ROOT=/opt', //                            2
  'WORKDIR $ROOT/app', //                        3
  'FROM base AS app', //                         4
  'ARG BASE', //                                 5
  'ENV DATA=$BASE/data LEVEL=1', //              6
  'WORKDIR src', //                              7
  'ENV LEVEL=2', //                              8
  'WORKDIR ${DATA}/./x//', //                    9
  'WORKDIR $UNKNOWN', //                         10
  'WORKDIR /abs', //                             11
  'RUN true', //                                 12
  '',
].join('\n');

function answers(order: number[]) {
  const file = parseDockerfile(new SourceText('file:///w/Dockerfile', DOCKERFILE));
  const app = file.stages[1];
  const out = new Map<number, { env: Record<string, string>; dir: string | undefined }>();
  for (const line of order) out.set(line, { env: Object.fromEntries(environmentAt(file, app, line)), dir: workdirAt(file, app, line) });
  return out;
}

describe('shared/stages: environment and working directory at a line', () => {
  const lines = Array.from({ length: 14 }, (_, i) => i);

  it('inherits the parent stage, resolves variables, and stops knowing the directory after an unknown one', () => {
    const at = answers(lines);
    assert.deepEqual(at.get(5), { env: { ROOT: '/opt' }, dir: '/opt/app' });
    assert.deepEqual(at.get(7), { env: { ROOT: '/opt', BASE: '/srv', DATA: '/srv/data', LEVEL: '1' }, dir: '/opt/app' });
    assert.deepEqual(at.get(9), { env: { ROOT: '/opt', BASE: '/srv', DATA: '/srv/data', LEVEL: '2' }, dir: '/opt/app/src' });
    assert.deepEqual(at.get(10)?.dir, '/srv/data/x');
    assert.equal(at.get(12)?.dir, undefined, 'after WORKDIR $UNKNOWN the directory is not known, even after an absolute one');
  });

  it('gives the same answers asked backwards, at random and twice over (the walk starts again for an earlier line)', () => {
    const inOrder = answers(lines);
    assert.deepEqual(answers([...lines].reverse()), inOrder);
    assert.deepEqual(answers([9, 3, 12, 0, 7, 7, 13, 1, 11, 6, 2, 10, 4, 8, 5]), inOrder);
    assert.deepEqual(answers([...lines, ...lines]), inOrder);
  });

  it('hands out copies: a caller changing its map changes no later answer', () => {
    const file = parseDockerfile(new SourceText('file:///w/Dockerfile', DOCKERFILE));
    environmentAt(file, file.stages[1], 9).set('LEVEL', 'changed');
    assert.equal(environmentAt(file, file.stages[1], 10).get('LEVEL'), '2');
  });
});
