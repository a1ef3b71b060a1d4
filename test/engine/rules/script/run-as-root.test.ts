import { crlf, testRule, type Case, type InvalidCase } from '../../../support/rule-tester';
import { fixedScriptsParse } from './bash-syntax';

const sh = (body: string) => `#!/bin/bash\n${body}`;

const valid: Case[] = [
  { files: { 'run.sh': sh('podman run --rm --user 1000:1000 img\n') } },
  { files: { 'run.sh': sh('docker run --user="$(id -u):$(id -g)" img\n') }, name: 'the calling user' },
  { files: { 'run.sh': sh('docker run -u "$(id -u)" img\n') } },
  { files: { 'run.sh': sh('podman run --user=nobody img\n') } },
  { files: { 'run.sh': sh("podman run --user='app_user:app_group' img\n") } },
  { files: { 'run.sh': sh('podman run --user 10:0 img\n') }, name: 'group 0 with another user' },
  { files: { 'run.sh': sh('podman run --user rooted img\n') } },
  { files: { 'run.sh': sh('podman run img --user root\n') }, name: 'an argument of the container command' },
  { files: { 'run.sh': sh('podman exec -u root c sh\n') }, name: 'exec into a running container' },
  { files: { 'run.sh': sh('# podman run --user root img\n') }, name: 'commented out' },
  { files: { 'run.sh': sh('cat <<EOF\npodman run --user root img\nEOF\n') }, name: 'inside a heredoc' },
  { files: { 'run.sh': sh('podman run --user "$RUN_AS" img\n') }, name: 'a user from the environment' },
  { files: { 'run.sh': sh('# tobs-ignore-next-line script/run-as-root\npodman run \\\n  --user root img\n') }, name: 'suppressed' },
];

const invalid: InvalidCase[] = [
  {
    name: 'the seed: --user root in a continued command',
    files: { 'run.sh': sh('podman run --rm -it \\\n  --user root \\\n  img "$@"\n') },
    errors: [{ line: 3, column: 10, message: '`--user root` runs the container as root' }],
    output: { 'run.sh': sh('podman run --rm -it \\\n  --user 1000:1000 \\\n  img "$@"\n') },
  },
  {
    name: 'every root spelling',
    files: { 'run.sh': sh('docker run --user=root a\ndocker run -u 0 b\ndocker run --user 0:0 c\ndocker run --user root:root d\ndocker run -u0 e\ndocker run -itu root f\npodman create --user "root" g\n') },
    errors: [
      { line: 2, column: 19 },
      { line: 3, column: 15 },
      { line: 4, column: 19 },
      { line: 5, column: 19 },
      { line: 6, column: 14 },
      { line: 7, column: 17 },
      { line: 8, column: 22, message: '`--user "root"`' },
    ],
    output: {
      'run.sh': sh(
        'docker run --user=1000:1000 a\ndocker run -u 1000:1000 b\ndocker run --user 1000:1000 c\ndocker run --user 1000:1000 d\ndocker run -u1000:1000 e\ndocker run -itu 1000:1000 f\npodman create --user 1000:1000 g\n',
      ),
    },
  },
  {
    name: 'behind sudo or exec, with the engine in a variable, inside a function and a substitution',
    files: { 'run.sh': sh('ENGINE=podman\nstart() {\n  sudo -E $ENGINE run --user root img\n}\ncid=$(exec docker run -d -u root img)\n') },
    errors: [{ line: 4, column: 30 }, { line: 6, column: 29 }],
    output: { 'run.sh': sh('ENGINE=podman\nstart() {\n  sudo -E $ENGINE run --user 1000:1000 img\n}\ncid=$(exec docker run -d -u 1000:1000 img)\n') },
  },
  {
    name: 'a variable that holds root',
    files: { 'run.sh': sh('RUN_AS=root\npodman run --user "$RUN_AS" img\n') },
    errors: [{ line: 3, column: 19, message: '`--user "$RUN_AS"`' }],
    output: { 'run.sh': sh('RUN_AS=root\npodman run --user 1000:1000 img\n') },
  },
  {
    name: 'the configured user',
    files: { 'run.sh': sh('podman run --user root img\n') },
    options: { runUser: 'app' },
    errors: [{ line: 2 }],
    output: { 'run.sh': sh('podman run --user app img\n') },
  },
  {
    name: 'a quoted flag word',
    files: { 'run.sh': sh('podman run "--user=root" img\n') },
    errors: [{ line: 2 }],
    output: { 'run.sh': sh('podman run --user=1000:1000 img\n') },
  },
  {
    name: 'CR-only line endings',
    files: { 'run.sh': '#!/bin/bash\rpodman run --user root img\r' },
    errors: [{ line: 2, column: 19 }],
    output: { 'run.sh': '#!/bin/bash\rpodman run --user 1000:1000 img\r' },
  },
  {
    name: 'CRLF',
    files: { 'run.sh': crlf(sh('podman run --rm \\\n  --user root \\\n  img\n')) },
    errors: [{ line: 3, column: 10 }],
    output: { 'run.sh': crlf(sh('podman run --rm \\\n  --user 1000:1000 \\\n  img\n')) },
  },
];

testRule('script/run-as-root', { valid, invalid });
fixedScriptsParse('script/run-as-root', invalid);
