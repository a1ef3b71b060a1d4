// The user's own set-up: the before set raises exactly the 16 rules of the seed, fix-all turns it
// into a set that raises nothing and still parses, and the after set raises nothing.

import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { validate } from 'dockerfile-utils';
import { parseDocument } from 'yaml';
import { defaultConfig, fixAll, Linter, Snapshot } from '../../server/src/engine/index';
import { SCENARIO_DIR } from '../support/paths';
import { SEED_SEVERITY } from '../support/seed-rules';

function readSet(name: string, eol: '\n' | '\r\n' = '\n'): Snapshot {
  const dir = path.join(SCENARIO_DIR, name);
  return new Snapshot(
    fs.readdirSync(dir).map((f) => ({ uri: `file:///scenario/${f}`, text: fs.readFileSync(path.join(dir, f), 'utf8').replace(/\n/g, eol) })),
  );
}

describe('the tobs scenario', () => {
  const config = defaultConfig();

  it('before: raises exactly the 16 seed rules, with the seed severities', () => {
    const findings = new Linter().lint(readSet('tobs-before'), config);
    const severityOf = new Map(findings.map((f) => [f.rule, f.severity]));
    assert.deepEqual([...severityOf.keys()].sort(), [...SEED_SEVERITY.keys()].sort());
    for (const [id, sev] of SEED_SEVERITY) assert.equal(severityOf.get(id), sev, id);
    assert.equal(findings.filter((f) => f.rule === 'compose/empty-proxy-vars').length, 8, 'one finding per empty proxy variable');
  });

  it('after: raises nothing', () => {
    const findings = new Linter().lint(readSet('tobs-after'), config);
    assert.deepEqual(findings.map((f) => `${f.uri} ${f.rule}: ${f.message}`), []);
  });

  for (const eol of ['\n', '\r\n'] as const) {
    it(`fix-all on the before set (${eol === '\n' ? 'LF' : 'CRLF'}) leaves nothing, parses, keeps line endings, is idempotent`, () => {
      const linter = new Linter();
      const before = readSet('tobs-before', eol);
      const result = fixAll(linter, before, config);
      assert.deepEqual(linter.lint(result.snapshot, config).map((f) => `${f.rule}: ${f.message}`), []);
      assert.equal(fixAll(linter, result.snapshot, config).changed.size, 0, 'a second fix-all changes nothing');

      const text = (name: string) => result.snapshot.get(`file:///scenario/${name}`)!.text;
      for (const name of ['Dockerfile', 'docker-compose.yml', 'run-tobs.sh']) {
        const lines = text(name).split('\n').slice(0, -1);
        assert.ok(lines.every((l) => l.endsWith('\r') === (eol === '\r\n')), `${name} keeps its line endings`);
        const originalLines = before.get(`file:///scenario/${name}`)!.text.split(eol);
        const untouched = originalLines.filter((l) => !MAY_CHANGE[name].some((re) => re.test(l)));
        assertInOrder(untouched, text(name).split(eol), name);
      }
      assert.deepEqual(validate(text('Dockerfile')).filter((d) => d.severity === 1), [], 'Dockerfile has no syntax errors');
      const compose = parseDocument(text('docker-compose.yml'));
      assert.deepEqual(compose.errors, []);
      assert.deepEqual(Object.keys((compose.toJS() as { services: object }).services), ['tobs']);
      // bash itself rejects CRLF scripts (`then\r` is no keyword), so check the script as bash reads it.
      const bash = spawnSync('bash', ['-n'], { input: text('run-tobs.sh').replace(/\r\n/g, '\n') });
      assert.equal(bash.status, 0, `bash -n: ${bash.stderr}`);
    });
  }
});

/** The lines of the before set that some fix has to rewrite; every other line must survive. */
const MAY_CHANGE: Record<string, RegExp[]> = {
  Dockerfile: [/^FROM /, /^COPY --from=ghcr/, /uv pip/, /^RUN mkdir/, /PYTHONUNBUFFERED=1$/],
  'docker-compose.yml': [/^version:/, /_proxy:|_PROXY:/, /^ {6}args:$/, /^ {4}environment:$/, /"988"/],
  'run-tobs.sh': [/--user root/, /--group-add 988/, /-v \$PWD/, /\$IMAGE "\$@"/],
};

/** Every line of `expected` appears in `actual`, byte for byte and in the same order. */
function assertInOrder(expected: string[], actual: string[], name: string): void {
  let j = 0;
  for (const line of expected) {
    const k = actual.indexOf(line, j);
    assert.ok(k >= 0, `${name}: the untouched line ${JSON.stringify(line)} is missing or out of order`);
    j = k + 1;
  }
}
