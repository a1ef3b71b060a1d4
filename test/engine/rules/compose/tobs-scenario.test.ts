// The compose half of the tobs scenario: every compose rule fires on the before set (each
// empty proxy variable once), none on the after set, and fix-all with the compose rules alone
// reaches the after set's compose file (but for two details) and a Dockerfile with the ARG.

import * as assert from 'node:assert/strict';
import { defaultConfig, fixAll, Linter } from '../../../../server/src/engine/index';
import { crlf, lintFiles, ROOT, snapshotOf } from '../../../support/rule-tester';
import { TOBS, TOBS_AFTER, TOBS_DOCKERFILE } from './fixtures';

const isCompose = (rule: string) => rule.startsWith('compose/');
/** tobs-after's compose file, but for the blank line that followed `version:` (untouched lines stay) and the GID's quotes. */
const EXPECTED_COMPOSE = '\n' + TOBS_AFTER['docker-compose.yml'].replace('- ${RENDER_GID:-988}', '- "${RENDER_GID:-988}"');
const EXPECTED_DOCKERFILE = TOBS_DOCKERFILE.replace('FROM python:3.11.8-slim-bookworm', 'ARG PYTHON_VERSION=3.11.8\nFROM python:${PYTHON_VERSION}-slim-bookworm');

function countByRule(files: Record<string, string>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const f of lintFiles(files).filter((f) => isCompose(f.rule))) counts[f.rule] = (counts[f.rule] ?? 0) + 1;
  return counts;
}

describe('compose rules on the tobs scenario', () => {
  it('the before set raises each compose rule but yaml-syntax, and 8 empty proxy variables', () => {
    assert.deepEqual(countByRule(TOBS), {
      'compose/obsolete-version': 1,
      'compose/build-args': 1,
      'compose/empty-proxy-vars': 8,
      'compose/hardcoded-gid': 1,
      'compose/resource-limits': 1,
      'compose/healthcheck': 1,
    });
  });

  it('the after set raises none', () => {
    assert.deepEqual(countByRule(TOBS_AFTER), {});
  });

  for (const eol of ['\n', '\r\n'] as const) {
    it(`fix-all with the compose rules reaches the after set (${eol === '\n' ? 'LF' : 'CRLF'})`, () => {
      const convert = (text: string) => (eol === '\n' ? text : crlf(text));
      const linter = new Linter();
      const config = defaultConfig();
      const before = snapshotOf({ 'docker-compose.yml': convert(TOBS['docker-compose.yml']), Dockerfile: convert(TOBS.Dockerfile) });
      const result = fixAll(linter, before, config, undefined, isCompose);
      assert.equal(result.snapshot.get(`${ROOT}docker-compose.yml`)!.text, convert(EXPECTED_COMPOSE));
      assert.equal(result.snapshot.get(`${ROOT}Dockerfile`)!.text, convert(EXPECTED_DOCKERFILE));
      assert.deepEqual(linter.lint(result.snapshot, config).filter((f) => isCompose(f.rule)), []);
      assert.equal(fixAll(linter, result.snapshot, config, undefined, isCompose).changed.size, 0);
    });
  }
});
