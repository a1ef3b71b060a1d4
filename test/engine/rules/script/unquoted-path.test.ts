import { crlf, testRule, type Case, type InvalidCase } from '../../../support/rule-tester';
import { fixedScriptsParse } from './bash-syntax';

const sh = (body: string) => `#!/bin/bash\n${body}`;

const valid: Case[] = [
  { files: { 'run.sh': sh('docker run -v "$PWD":/data img\n') }, name: 'the source quoted' },
  { files: { 'run.sh': sh('docker run -v "$PWD/a:/b" --mount "type=bind,src=$PWD,dst=/x" img\n') } },
  { files: { 'run.sh': sh('docker run -v ./:/work -v ~/.cache:/root/.cache -v data:/data img\n') }, name: 'no expansion' },
  { files: { 'run.sh': sh('docker run --env-file="$DIR/.env" -w "$HOME" --device "${DEV}" img\n') } },
  { files: { 'run.sh': sh('docker run -e PATH=$PATH -p $PORT:80 --name $NAME img\n') }, name: 'options that are not paths' },
  { files: { 'run.sh': sh('docker run img ls -v $PWD\n') }, name: 'an argument of the container command' },
  { files: { 'run.sh': sh('podman build -v $PWD:/src -t x .\n') }, name: 'a build, not a run' },
  { files: { 'run.sh': sh('IMG=/tmp/lock.png\ndocker run -v $IMG:$IMG img\n') }, name: 'a variable the script sets to a plain constant' },
  { files: { 'run.sh': sh('# docker run -v $PWD:/x img\n') }, name: 'commented out' },
];

const invalid: InvalidCase[] = [
  {
    name: 'the seed: $PWD/export in two volumes of a continued command',
    files: { 'run.sh': sh('podman run --rm \\\n  -v $PWD/export:/app/export \\\n  -v $PWD/sessions:/app/sessions \\\n  img\n') },
    errors: [
      { line: 3, column: 6, message: '`$PWD/export:/app/export` holds an unquoted expansion' },
      { line: 4, column: 6 },
    ],
    output: { 'run.sh': sh('podman run --rm \\\n  -v "$PWD/export":/app/export \\\n  -v "$PWD/sessions":/app/sessions \\\n  img\n') },
  },
  {
    name: '$(pwd), backquotes, ${VAR} and positional parameters',
    files: { 'run.sh': sh('docker run -v $(pwd):/x -v `pwd`:/y -v ${HOST_DIR}/a:/z -v $1:/host img\n') },
    errors: [{ line: 2, column: 15 }, { line: 2, column: 28 }, { line: 2, column: 40 }, { line: 2, column: 60 }],
    output: { 'run.sh': sh('docker run -v "$(pwd)":/x -v "`pwd`":/y -v "${HOST_DIR}/a":/z -v "$1":/host img\n') },
  },
  {
    name: 'each field with an expansion, options kept',
    files: { 'run.sh': sh('docker run --volume=$SRC:$DST:ro,z img\n') },
    errors: [{ line: 2, column: 21 }],
    output: { 'run.sh': sh('docker run --volume="$SRC":"$DST":ro,z img\n') },
  },
  {
    name: 'partly quoted words, escapes and a leading tilde',
    files: { 'run.sh': sh('docker run -v "$HOME"/$sub:/a -v ~/$dir:/b -v my\\ $d:/c -v $PWD":/x" img\n') },
    errors: [{ line: 2, column: 15 }, { line: 2, column: 34 }, { line: 2, column: 47 }, { line: 2, column: 60 }],
    output: { 'run.sh': sh('docker run -v "$HOME/$sub":/a -v ~/"$dir":/b -v "my $d":/c -v "$PWD:/x" img\n') },
  },
  {
    name: 'mount, device, env file and workdir',
    files: { 'run.sh': sh('docker run --mount type=bind,src=$PWD,dst=/w --device $GPU:/dev/dri/renderD128 --env-file $CFG/.env -w $PWD img\n') },
    errors: [{ line: 2, column: 20 }, { line: 2, column: 55 }, { line: 2, column: 91 }, { line: 2, column: 104 }],
    output: { 'run.sh': sh('docker run --mount "type=bind,src=$PWD,dst=/w" --device "$GPU":/dev/dri/renderD128 --env-file "$CFG/.env" -w "$PWD" img\n') },
  },
  {
    name: 'a variable also set from elsewhere is not a constant',
    files: { 'run.sh': sh('DIR=/srv/data\n[ -n "${1:-}" ] && DIR=$1\ndocker run -v $DIR:/data img\n') },
    errors: [{ line: 4, column: 15 }],
    output: { 'run.sh': sh('DIR=/srv/data\n[ -n "${1:-}" ] && DIR=$1\ndocker run -v "$DIR":/data img\n') },
  },
  {
    name: 'behind exec with the engine in a variable',
    files: { 'run.sh': sh(': "${DOCKER:=docker}"\nexec $DOCKER run -it -v $PWD:/example -w /example "$IMAGE" "$@"\n') },
    errors: [{ line: 3, column: 25 }],
    output: { 'run.sh': sh(': "${DOCKER:=docker}"\nexec $DOCKER run -it -v "$PWD":/example -w /example "$IMAGE" "$@"\n') },
  },
  {
    name: 'CRLF',
    files: { 'run.sh': crlf(sh('podman run \\\n  -v $PWD/export:/app/export \\\n  img\n')) },
    errors: [{ line: 3, column: 6 }],
    output: { 'run.sh': crlf(sh('podman run \\\n  -v "$PWD/export":/app/export \\\n  img\n')) },
  },
];

testRule('script/unquoted-path', { valid, invalid });
fixedScriptsParse('script/unquoted-path', invalid);
