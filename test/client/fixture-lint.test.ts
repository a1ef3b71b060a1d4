// The podman fixture is also opened in the editor tests: it must stay free of findings (or
// suppress them with a comment) as rules are added.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { defaultConfig, Linter, Snapshot } from '../../server/src/engine/index';
import { REPO_ROOT } from '../support/paths';

describe('client podman fixture', () => {
  it('is lint-clean', () => {
    const dir = path.join(REPO_ROOT, 'test/fixtures/podman-project');
    const snapshot = new Snapshot(fs.readdirSync(dir).map((f) => ({ uri: pathToFileURL(path.join(dir, f)).href, text: fs.readFileSync(path.join(dir, f), 'utf8') })));
    const findings = new Linter().lint(snapshot, defaultConfig());
    assert.deepEqual(findings.map((f) => `${path.basename(f.uri)}:${f.range.start.line + 1} ${f.rule}: ${f.message}`), []);
  });
});
