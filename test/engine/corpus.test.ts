// The whole real-world corpus (files written by others) lints without an exception and without
// any rule failing internally. Findings themselves are judged in the false-positive audit.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { defaultConfig, Linter, Snapshot } from '../../server/src/engine/index';
import { walkWorkspace } from '../../server/src/host/workspace-files';
import { CORPUS_DIR } from '../support/paths';

describe('the real-world corpus', () => {
  it('lints every file without an internal error', function () {
    this.timeout(120_000);
    assert.ok(fs.existsSync(CORPUS_DIR), `the corpus is missing at ${CORPUS_DIR} (set TOBS_SHARED_DIR)`);
    const walk = walkWorkspace(CORPUS_DIR);
    assert.deepEqual(walk.problems, []);
    const linter = new Linter();
    const snapshot = new Snapshot(walk.files);
    const project = linter.project(snapshot, defaultConfig());
    assert.ok(project.dockerfiles.length > 700 && project.composes.length > 250 && project.scripts.length > 80, 'every kind of file was found');
    const findings = linter.lint(snapshot, defaultConfig());
    const internal = findings.filter((f) => f.data.internalError);
    assert.deepEqual(internal.map((f) => `${f.uri}: ${f.message}`), []);
    assert.ok(findings.length > 0);
  });
});
