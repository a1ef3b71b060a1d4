import * as assert from 'node:assert/strict';
import { Linter, type HostFacts } from '../../../../server/src/engine/index';
import { configOf, crlf, snapshotOf, testRule, type Case, type InvalidCase } from '../../../support/rule-tester';
import { fixedScriptsParse } from './bash-syntax';

const RULE = 'script/group-add-name';
const sh = (body: string) => `#!/usr/bin/env bash\nset -euo pipefail\n\n${body}`;

/** The lines the fix inserts for `group`, indented by `indent`. */
function detection(group: string, owner: string, indent = ''): string {
  const variable = `${group.toUpperCase()}_GID`;
  return [
    `${indent}${variable}="\${${variable}:-$(getent group ${group} | cut -d: -f3 || true)}"`,
    `${indent}if [ -z "$${variable}" ]; then`,
    `${indent}  echo "error: no '${group}' group on this host; set ${variable} to ${owner}" >&2`,
    `${indent}  exit 1`,
    `${indent}fi`,
    '',
  ].join('\n');
}
const RENDER_DETECTION = detection('render', 'the GID that owns /dev/dri/renderD*');

const valid: Case[] = [
  { name: 'Debian base groups and keep-groups', files: { 'run.sh': sh('podman run --group-add video --group-add=audio --group-add plugdev img\npodman run --group-add keep-groups img\n') } },
  { name: 'numbers and variables are other rules\' business', files: { 'run.sh': sh('docker run --group-add 988 --group-add "$RENDER_GID" --group-add "$(stat -c %g /dev/dri/renderD128)" img\n') } },
  { name: 'commented out, in a heredoc, not a run', files: { 'run.sh': sh('# podman run --group-add render img\ncat <<EOF\npodman run --group-add render img\nEOF\npodman exec --group-add render c sh\n') } },
  {
    name: 'the image the script builds creates the group',
    files: { 'run.sh': sh('podman build -t app .\npodman run --group-add render app\n'), Dockerfile: 'FROM python:3.12-slim\nRUN groupadd --gid 109 render\n' },
  },
  { name: 'suppressed', files: { 'run.sh': sh('# tobs-ignore-next-line script/group-add-name\npodman run --group-add render img\n') } },
];

const invalid: InvalidCase[] = [
  {
    name: 'render: detected with getent, as script/render-gid-detect does, after the leading assignments',
    files: { 'run.sh': sh('IMAGE=tobs:latest\n\npodman run --rm \\\n  --device /dev/dri \\\n  --group-add video \\\n  --group-add render \\\n  "$IMAGE"\n') },
    errors: [{ line: 9, column: 15, message: '`--group-add render` names a group' }],
    output: { 'run.sh': sh(`IMAGE=tobs:latest\n${RENDER_DETECTION}\npodman run --rm \\\n  --device /dev/dri \\\n  --group-add video \\\n  --group-add "$RENDER_GID" \\\n  "$IMAGE"\n`) },
  },
  {
    name: 'another name gets its own variable and message; --flag=value and quotes',
    files: { 'run.sh': sh('docker run --group-add="docker" -v /var/run/docker.sock:/var/run/docker.sock img\n') },
    errors: [{ line: 4, column: 24, message: 'unable to find group docker' }],
    output: { 'run.sh': sh(`${detection('docker', 'the GID of the docker group')}docker run --group-add="$DOCKER_GID" -v /var/run/docker.sock:/var/run/docker.sock img\n`) },
  },
  {
    name: 'inside a function, at its indentation',
    files: { 'run.sh': sh('start() {\n  podman run --group-add render img\n}\nstart\n') },
    errors: [{ line: 5, column: 26 }],
    output: { 'run.sh': sh(`start() {\n${RENDER_DETECTION.replace(/^(?=.)/gm, '  ')}  podman run --group-add "$RENDER_GID" img\n}\nstart\n`) },
  },
  {
    name: 'the script already detects the variable: only the name changes',
    files: { 'run.sh': sh('RENDER_GID=$(getent group render | cut -d: -f3)\npodman run --group-add render img\n') },
    errors: [{ line: 5 }],
    output: { 'run.sh': sh('RENDER_GID=$(getent group render | cut -d: -f3)\npodman run --group-add "$RENDER_GID" img\n') },
  },
  {
    name: 'CRLF',
    files: { 'run.sh': crlf(sh('podman run --group-add render img\n')) },
    errors: [{ line: 4 }],
    output: { 'run.sh': crlf(sh(`${RENDER_DETECTION}podman run --group-add "$RENDER_GID" img\n`)) },
  },
];

testRule(RULE, { valid, invalid });
fixedScriptsParse(RULE, invalid);

describe(`${RULE}: the keep-groups alternative`, () => {
  function fixTitles(script: string, host: HostFacts = {}): string[] {
    const linter = new Linter();
    const snapshot = snapshotOf({ 'run.sh': sh(script) });
    const config = configOf({ host });
    const [finding] = linter.lint(snapshot, config).filter((f) => f.rule === RULE);
    return linter.fixes(snapshot, config, finding).map((f) => `${f.preferred ? '* ' : ''}${f.title}`);
  }

  it('is offered for podman when the name is the run\'s only group, after the detection', () => {
    assert.deepEqual(fixTitles('podman run --group-add render img\n'), [
      '* Detect RENDER_GID with getent group render and use "$RENDER_GID"',
      'Use keep-groups (rootless podman: the container keeps your own groups, render among them)',
    ]);
    assert.equal(fixTitles('# podman or docker\n$ENGINE run --group-add render img\n', { engine: 'podman' }).length, 2, 'an engine variable on a podman host');
  });

  it('is not offered for docker, nor next to other groups (keep-groups excludes them)', () => {
    assert.equal(fixTitles('docker run --group-add render img\n').length, 1);
    assert.equal(fixTitles('# podman or docker\n$ENGINE run --group-add render img\n', { engine: 'docker' }).length, 1);
    assert.equal(fixTitles('podman run --group-add video --group-add render img\n').length, 1);
  });

  it('replaces the name with keep-groups', () => {
    const linter = new Linter();
    const snapshot = snapshotOf({ 'run.sh': sh('podman run --group-add=render img\n') });
    const config = configOf({});
    const [finding] = linter.lint(snapshot, config).filter((f) => f.rule === RULE);
    const keep = linter.fixes(snapshot, config, finding).find((f) => !f.preferred)!;
    assert.deepEqual(keep.edits.map((e) => e.newText), ['keep-groups']);
  });
});
