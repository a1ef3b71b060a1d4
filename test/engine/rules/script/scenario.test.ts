// The tobs scenario, seen from the script: the four script rules fire on tobs-before's
// run-tobs.sh (with the compose file and Dockerfile beside it as context), none on tobs-after's,
// and fix-all turns the before script into one that bash reads, that no script rule flags, and
// that keeps every line no fix had to touch.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultConfig, fixAll, Linter, Snapshot } from '../../../../server/src/engine/index';
import { crlf, lintFiles, ROOT, snapshotOf } from '../../../support/rule-tester';
import { SCENARIO_DIR } from '../../../support/paths';
import { assertBashParses } from './bash-syntax';

const SCRIPT_RULES = ['script/run-as-root', 'script/render-gid-detect', 'script/image-exists-check', 'script/unquoted-path'];
const isScriptRule = (id: string) => id.startsWith('script/');

/** The tobs-before files that matter to the script rules, as the scenario has them. */
const BEFORE: Record<string, string> = {
  'run-tobs.sh': [
    '#!/usr/bin/env bash',
    'set -euo pipefail',
    '',
    'IMAGE=tobs:latest',
    '',
    'podman run --rm -it \\',
    '  --user root \\',
    '  --device /dev/dri \\',
    '  --group-add video \\',
    '  --group-add 988 \\',
    '  -v $PWD/export:/app/export \\',
    '  -v $PWD/sessions:/app/sessions \\',
    '  $IMAGE "$@"',
    '',
  ].join('\n'),
  'docker-compose.yml': 'version: "3.8"\n\nservices:\n  tobs:\n    build:\n      context: .\n      dockerfile: Dockerfile\n    image: tobs:latest\n    devices:\n      - /dev/dri:/dev/dri\n    group_add:\n      - video\n      - "988"\n',
  Dockerfile: 'FROM python:3.11.8-slim-bookworm\nWORKDIR /app\nCOPY . .\nCMD ["python", "-m", "tobs"]\n',
};

const FIXED_SCRIPT = [
  '#!/usr/bin/env bash',
  'set -euo pipefail',
  '',
  'IMAGE=tobs:latest',
  'RENDER_GID="${RENDER_GID:-$(getent group render | cut -d: -f3 || true)}"',
  'if [ -z "$RENDER_GID" ]; then',
  `  echo "error: no 'render' group on this host; set RENDER_GID to the GID that owns /dev/dri/renderD*" >&2`,
  '  exit 1',
  'fi',
  '',
  'if ! podman image exists "$IMAGE"; then',
  '  echo "Image $IMAGE not found; building it..." >&2',
  '  podman build --format docker -t "$IMAGE" .',
  'fi',
  '',
  'podman run --rm -it \\',
  '  --user 1000:1000 \\',
  '  --device /dev/dri \\',
  '  --group-add video \\',
  '  --group-add "$RENDER_GID" \\',
  '  -v "$PWD/export":/app/export \\',
  '  -v "$PWD/sessions":/app/sessions \\',
  '  $IMAGE "$@"',
  '',
].join('\n');

/** The lines of the before script that some script fix rewrites; every other line must survive. */
const REWRITTEN = [/--user root/, /--group-add 988/, /-v \$PWD/];

function scriptRulesFiring(files: Record<string, string>): string[] {
  return [...new Set(lintFiles(files).filter((f) => isScriptRule(f.rule)).map((f) => f.rule))].sort();
}

function fixScript(files: Record<string, string>, ruleFilter?: (id: string) => boolean): { text: string; snapshot: Snapshot } {
  const result = fixAll(new Linter(), snapshotOf(files), defaultConfig(), undefined, ruleFilter);
  return { text: result.snapshot.get(ROOT + 'run-tobs.sh')!.text, snapshot: result.snapshot };
}

describe('script rules on the tobs scenario', () => {
  it('before: each of the four script rules fires', () => {
    assert.deepEqual(scriptRulesFiring(BEFORE), [...SCRIPT_RULES].sort());
  });

  for (const eol of ['\n', '\r\n'] as const) {
    const name = eol === '\n' ? 'LF' : 'CRLF';
    const files = Object.fromEntries(Object.entries(BEFORE).map(([p, t]) => [p, eol === '\n' ? t : crlf(t)]));

    it(`fix-all with the script rules gives the expected script (${name})`, () => {
      const { text } = fixScript(files, isScriptRule);
      assert.equal(text, eol === '\n' ? FIXED_SCRIPT : crlf(FIXED_SCRIPT));
    });

    it(`fix-all with every rule: no script rule left, bash -n passes, untouched lines kept (${name})`, () => {
      const { text, snapshot } = fixScript(files);
      const left = new Linter().lint(snapshot, defaultConfig()).filter((f) => isScriptRule(f.rule));
      assert.deepEqual(left.map((f) => `${f.rule}: ${f.message}`), []);
      assertBashParses(text, 'the fixed run-tobs.sh');
      assertKeepsUntouchedLines(BEFORE['run-tobs.sh'], text.replace(/\r\n/g, '\n'));
    });
  }

  describe('with the scenario folders', () => {
    const read = (set: string) => {
      const dir = path.join(SCENARIO_DIR, set);
      return Object.fromEntries(fs.readdirSync(dir).map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]));
    };
    before(function () {
      assert.ok(fs.existsSync(SCENARIO_DIR), `the shared scenario is missing at ${SCENARIO_DIR} (set TOBS_SHARED_DIR)`);
    });

    it('tobs-before: each of the four script rules fires', () => {
      assert.deepEqual(scriptRulesFiring(read('tobs-before')), [...SCRIPT_RULES].sort());
    });

    it('tobs-after: no script rule fires', () => {
      assert.deepEqual(scriptRulesFiring(read('tobs-after')), []);
    });

    it('fix-all on tobs-before: no script rule left, bash -n passes, untouched lines kept', () => {
      const before = read('tobs-before');
      const { text, snapshot } = fixScript(before);
      assert.deepEqual(new Linter().lint(snapshot, defaultConfig()).filter((f) => isScriptRule(f.rule)).map((f) => f.message), []);
      assertBashParses(text, 'the fixed run-tobs.sh');
      assertKeepsUntouchedLines(before['run-tobs.sh'], text);
    });
  });
});

/** Every line of `before` that no fix had to rewrite appears in `after`, in order and unchanged. */
function assertKeepsUntouchedLines(before: string, after: string): void {
  const lines = after.split('\n');
  let j = 0;
  for (const line of before.split('\n').filter((l) => !REWRITTEN.some((re) => re.test(l)))) {
    const k = lines.indexOf(line, j);
    assert.ok(k >= 0, `the untouched line ${JSON.stringify(line)} is missing or out of order`);
    j = k + 1;
  }
}
