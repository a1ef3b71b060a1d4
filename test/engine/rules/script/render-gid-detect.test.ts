import { crlf, testRule, type Case, type InvalidCase } from '../../../support/rule-tester';
import { fixedScriptsParse } from './bash-syntax';

const sh = (body: string) => `#!/usr/bin/env bash\nset -euo pipefail\n\n${body}`;

/** The lines the fix inserts, indented by `indent` (inner lines by `indent` + `unit`). */
function detection(variable = 'RENDER_GID', indent = '', unit = '  '): string {
  return [
    `${indent}${variable}="\${${variable}:-$(getent group render | cut -d: -f3 || true)}"`,
    `${indent}if [ -z "$${variable}" ]; then`,
    `${indent}${unit}echo "error: no 'render' group on this host; set ${variable} to the GID that owns /dev/dri/renderD*" >&2`,
    `${indent}${unit}exit 1`,
    `${indent}fi`,
    '',
  ].join('\n');
}

const valid: Case[] = [
  { files: { 'run.sh': sh('podman run --group-add video --group-add=render --group-add keep-groups img\n') }, name: 'group names and keep-groups' },
  { files: { 'run.sh': sh('podman run --group-add=$(stat -c %g /dev/dri/renderD128) img\n') }, name: 'detected in place with stat' },
  { files: { 'run.sh': sh('GID=$(getent group render | cut -d: -f3)\npodman run --group-add "$GID" img\n') }, name: 'a variable detected with getent' },
  { files: { 'run.sh': sh('RENDER_GID="${RENDER_GID:-$(getent group render | cut -d: -f3)}"\npodman run --group-add "$RENDER_GID" img\n') }, name: 'the tobs-after shape' },
  { files: { 'run.sh': sh('run_with() {\n  podman run --group-add "$1" img\n}\n') }, name: 'a function parameter: the caller decides' },
  { files: { 'run.sh': sh('docker run --group-add "$(id -g)" img\n') } },
  { files: { 'run.sh': sh('# podman run --group-add 988 img\ncat <<EOF\npodman run --group-add 988 img\nEOF\n') }, name: 'commented out and in a heredoc' },
  { files: { 'run.sh': sh('podman exec --group-add 988 c sh\npodman run img --group-add 988\n') }, name: 'not an option of a run' },
];

const invalid: InvalidCase[] = [
  {
    name: 'the seed: a literal GID, detection after the leading assignments',
    files: { 'run.sh': sh('IMAGE=tobs:latest\n\npodman run --rm -it \\\n  --device /dev/dri \\\n  --group-add video \\\n  --group-add 988 \\\n  $IMAGE "$@"\n') },
    errors: [{ line: 9, column: 15, message: '`--group-add 988` hard-codes a group id' }],
    output: {
      'run.sh': sh(`IMAGE=tobs:latest\n${detection()}\npodman run --rm -it \\\n  --device /dev/dri \\\n  --group-add video \\\n  --group-add "$RENDER_GID" \\\n  $IMAGE "$@"\n`),
    },
  },
  {
    name: 'no assignments: right before the run',
    files: { 'run.sh': sh('docker run --group-add=988 img\n') },
    errors: [{ line: 4, column: 24 }],
    output: { 'run.sh': sh(`${detection()}docker run --group-add="$RENDER_GID" img\n`) },
  },
  {
    name: 'inside a function: at the body indentation, before the run',
    files: { 'run.sh': sh('IMAGE=x\nstart() {\n    echo starting\n    podman run \\\n        --group-add 988 "$IMAGE"\n}\nstart\n') },
    errors: [{ line: 8, column: 21 }],
    output: { 'run.sh': sh(`IMAGE=x\nstart() {\n    echo starting\n${detection('RENDER_GID', '    ', '    ')}    podman run \\\n        --group-add "$RENDER_GID" "$IMAGE"\n}\nstart\n`) },
  },
  {
    name: 'tab indentation',
    files: { 'run.sh': sh('if true; then\n\tpodman run --group-add 988 img\nfi\n') },
    errors: [{ line: 5 }],
    output: { 'run.sh': sh(`if true; then\n${detection('RENDER_GID', '\t', '\t')}\tpodman run --group-add "$RENDER_GID" img\nfi\n`) },
  },
  {
    name: 'a variable from the environment, unquoted',
    files: { 'run.sh': sh('podman run --group-add $RENDER_GID img\n') },
    errors: [{ line: 4, column: 24, message: 'uses $RENDER_GID, which the script never detects' }],
    output: { 'run.sh': sh(`${detection()}podman run --group-add "$RENDER_GID" img\n`) },
  },
  {
    name: 'a variable with a hard-coded fallback',
    files: { 'run.sh': sh('podman run --group-add "${RENDER_GID:-988}" img\n') },
    errors: [{ line: 4, message: '$RENDER_GID' }],
    output: { 'run.sh': sh(`${detection()}podman run --group-add "$RENDER_GID" img\n`) },
  },
  {
    name: 'a variable assigned a number: the detection replaces the assignment',
    files: { 'run.sh': sh('GPU_GID=988 # render on my laptop\nIMAGE=x\npodman run --group-add "$GPU_GID" "$IMAGE"\n') },
    errors: [{ line: 6, message: '$GPU_GID' }],
    // The comment stays on the line of the assignment it described.
    output: { 'run.sh': sh(`${detection('GPU_GID').replace('\n', ' # render on my laptop\n')}IMAGE=x\npodman run --group-add "$GPU_GID" "$IMAGE"\n`) },
  },
  {
    name: 'two runs share one detection',
    files: { 'run.sh': sh('IMAGE=x\npodman run --group-add 988 "$IMAGE" a\npodman run --group-add 988 "$IMAGE" b\n') },
    errors: [{ line: 5 }, { line: 6 }],
    output: { 'run.sh': sh(`IMAGE=x\n${detection()}podman run --group-add "$RENDER_GID" "$IMAGE" a\npodman run --group-add "$RENDER_GID" "$IMAGE" b\n`) },
  },
  {
    name: 'a second literal GID in one run is reported but not guessed at',
    files: { 'run.sh': sh('podman run --group-add 988 --group-add 44 img\n') },
    errors: [{ line: 4, column: 24 }, { line: 4, column: 40 }],
  },
  {
    name: 'a BOM stays first when the detection goes on the first line',
    files: { 'run.sh': '\uFEFFpodman run --group-add 988 img\n' },
    errors: [{ line: 1 }],
    output: { 'run.sh': `\uFEFF${detection()}podman run --group-add "$RENDER_GID" img\n` },
  },
  {
    name: 'CRLF',
    files: { 'run.sh': crlf(sh('IMAGE=x\n\npodman run \\\n  --group-add 988 \\\n  "$IMAGE"\n')) },
    errors: [{ line: 7, column: 15 }],
    output: { 'run.sh': crlf(sh(`IMAGE=x\n${detection()}\npodman run \\\n  --group-add "$RENDER_GID" \\\n  "$IMAGE"\n`)) },
  },
];

testRule('script/render-gid-detect', { valid, invalid });
fixedScriptsParse('script/render-gid-detect', invalid);
