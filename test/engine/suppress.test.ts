// Suppression comments work the same way in all three languages: next line (the whole logical
// line of a continued command), a list of rules, and the whole file.

import * as assert from 'node:assert/strict';
import { lintFiles } from '../support/rule-tester';

const rulesIn = (files: Record<string, string>, file: string) =>
  lintFiles(files)
    .filter((f) => f.uri.endsWith('/' + file))
    .map((f) => `${f.range.start.line + 1} ${f.rule}`);

describe('suppression comments', () => {
  it('a Dockerfile: next line, and the whole file', () => {
    const dockerfile = 'FROM python:3.12-slim\nCMD ["python"]\n';
    assert.ok(rulesIn({ Dockerfile: dockerfile }, 'Dockerfile').includes('1 dockerfile/python-version-arg'));
    const next = '# tobs-ignore-next-line dockerfile/python-version-arg, dockerfile/healthcheck\n' + dockerfile;
    assert.deepEqual(rulesIn({ Dockerfile: next }, 'Dockerfile'), []);
    const file = 'FROM python:3.12-slim\n# tobs-ignore-file dockerfile/healthcheck\nCMD ["python"]\n';
    assert.deepEqual(rulesIn({ Dockerfile: file }, 'Dockerfile'), ['1 dockerfile/python-version-arg']);
  });

  it('a compose file: only the very next line', () => {
    const compose = (comment: string) => `services:\n  app:\n    image: redis\n    group_add:\n${comment}      - "988"\n      - "989"\n    mem_limit: 1g\n`;
    assert.deepEqual(rulesIn({ 'compose.yaml': compose('') }, 'compose.yaml'), ['5 compose/hardcoded-gid', '6 compose/hardcoded-gid']);
    assert.deepEqual(rulesIn({ 'compose.yaml': compose('      # tobs-ignore-next-line compose/hardcoded-gid\n') }, 'compose.yaml'), ['7 compose/hardcoded-gid']);
  });

  it('a script: above a continued command it covers every line of it', () => {
    const script = (comment: string) => `#!/bin/sh\n${comment}podman run --rm \\\n  --user root \\\n  redis\npodman run -u 0 redis\n`;
    assert.deepEqual(rulesIn({ 'run.sh': script('') }, 'run.sh'), ['3 script/run-as-root', '5 script/run-as-root']);
    assert.deepEqual(rulesIn({ 'run.sh': script('# tobs-ignore-next-line script/run-as-root\n') }, 'run.sh'), ['6 script/run-as-root']);
    assert.deepEqual(rulesIn({ 'run.sh': script('# tobs-ignore-file script/run-as-root\n') }, 'run.sh'), []);
  });

  it('names only the rules it lists, and CRLF files work the same', () => {
    const script = '# tobs-ignore-next-line script/unquoted-path\r\npodman run --user root -v $PWD:/x redis\r\n';
    assert.deepEqual(rulesIn({ 'run.sh': script }, 'run.sh'), ['2 script/run-as-root']);
  });
});
