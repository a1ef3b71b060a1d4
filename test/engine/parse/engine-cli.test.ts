import * as assert from 'node:assert/strict';
import { isBuild, isRun, optionValues, runImage, type EngineCommand } from '../../../server/src/engine/parse/engine-cli';
import { parseScript } from '../../../server/src/engine/parse/script';
import { SourceText } from '../../../server/src/engine/text';

function engineCommands(text: string): EngineCommand[] {
  return parseScript(new SourceText('file:///ws/run.sh', text)).engineCommands;
}

function single(text: string): EngineCommand {
  const found = engineCommands(text);
  assert.equal(found.length, 1, `one engine command expected in ${JSON.stringify(text)}, got ${found.map((c) => c.sub).join(', ')}`);
  return found[0];
}

/** Options as `name=value` (value as written) or `name`. */
function optionsOf(cmd: EngineCommand): string[] {
  return cmd.options.map((o) => (o.value ? `${o.name}=${o.value.raw}` : o.name));
}

describe('parse/engine-cli', () => {
  const cases: { text: string; engine: string | undefined; sub: string; options: string[]; positionals: string[]; prefix?: string[] }[] = [
    { text: 'podman run --rm -it --user root img cmd --user x', engine: 'podman', sub: 'run', options: ['--rm', '--interactive', '--tty', '--user=root'], positionals: ['img', 'cmd', '--user', 'x'] },
    { text: 'docker container run --user=root -v "$PWD":/x img', engine: 'docker', sub: 'run', options: ['--user=root', '--volume="$PWD":/x'], positionals: ['img'] },
    { text: 'docker run -u0 -uroot -u=1000 -itu 0 -dp 80:80 img', engine: 'docker', sub: 'run', options: ['--user=0', '--user=root', '--user=1000', '--interactive', '--tty', '--user=0', '--detach', '--publish=80:80'], positionals: ['img'] },
    { text: 'podman create --group-add=keep-groups --name c img', engine: 'podman', sub: 'create', options: ['--group-add=keep-groups', '--name=c'], positionals: ['img'] },
    { text: 'podman run --user="$(id -u):$(id -g)" img', engine: 'podman', sub: 'run', options: ['--user="$(id -u):$(id -g)"'], positionals: ['img'] },
    { text: 'sudo -E -u bob podman run img', engine: 'podman', sub: 'run', options: [], positionals: ['img'], prefix: ['sudo', '-E', '-u', 'bob'] },
    { text: 'exec docker run img "$@"', engine: 'docker', sub: 'run', options: [], positionals: ['img', '"$@"'], prefix: ['exec'] },
    { text: 'env -u X FOO=1 docker run img', engine: 'docker', sub: 'run', options: [], positionals: ['img'], prefix: ['env', '-u', 'X', 'FOO=1'] },
    { text: 'timeout 60 nohup /usr/bin/podman run img', engine: 'podman', sub: 'run', options: [], positionals: ['img'], prefix: ['timeout', '60', 'nohup'] },
    { text: '$SUDO docker run img', engine: 'docker', sub: 'run', options: [], positionals: ['img'], prefix: ['$SUDO'] },
    { text: 'podman --log-level debug --remote run img', engine: 'podman', sub: 'run', options: [], positionals: ['img'] },
    { text: 'docker -H tcp://h:2375 --context=x run img', engine: 'docker', sub: 'run', options: [], positionals: ['img'] },
    { text: 'docker run "${args[@]}" --name x "$image"', engine: 'docker', sub: 'run', options: ['--name=x'], positionals: ['"$image"'] },
    { text: 'podman build --format docker -t tobs:latest -f Containerfile --no-cache .', engine: 'podman', sub: 'build', options: ['--format=docker', '--tag=tobs:latest', '--file=Containerfile', '--no-cache'], positionals: ['.'] },
    { text: 'docker buildx build --load -t x .', engine: 'docker', sub: 'build', options: ['--load', '--tag=x'], positionals: ['.'] },
    { text: 'docker buildx --builder b build -t x .', engine: 'docker', sub: 'build', options: ['--tag=x'], positionals: ['.'] },
    { text: 'docker image build -t x .', engine: 'docker', sub: 'build', options: ['--tag=x'], positionals: ['.'] },
    { text: 'docker image inspect -f "{{.Id}}" tobs', engine: 'docker', sub: 'image inspect', options: ['--format="{{.Id}}"'], positionals: ['tobs'] },
    { text: 'podman image exists "$IMAGE"', engine: 'podman', sub: 'image exists', options: [], positionals: ['"$IMAGE"'] },
    { text: 'podman container exists c', engine: 'podman', sub: 'container exists', options: [], positionals: ['c'] },
    { text: 'docker container rm -f c', engine: 'docker', sub: 'rm', options: ['-f'], positionals: ['c'] },
    { text: 'docker images -q tobs', engine: 'docker', sub: 'images', options: ['-q'], positionals: ['tobs'] },
    { text: 'podman exec -it -u 0 c bash -c "x"', engine: 'podman', sub: 'exec', options: ['-i', '-t', '--user=0'], positionals: ['c', 'bash', '-c', '"x"'] },
    { text: 'docker compose up -d', engine: 'docker', sub: 'compose', options: ['-d'], positionals: ['up'] },
    { text: '$container_cmd run img', engine: undefined, sub: 'run', options: [], positionals: ['img'] },
    { text: '${DOCKER} run img', engine: undefined, sub: 'run', options: [], positionals: ['img'] },
    { text: 'ENGINE=podman; $ENGINE run img', engine: 'podman', sub: 'run', options: [], positionals: ['img'] },
    { text: 'ENGINE="${ENGINE:-docker}"\n"$ENGINE" run img', engine: 'docker', sub: 'run', options: [], positionals: ['img'] },
    { text: 'if command -v podman; then E=podman; else E=docker; fi\n$E run img', engine: undefined, sub: 'run', options: [], positionals: ['img'] },
    { text: 'ENGINE=$(command -v podman || command -v docker)\n$ENGINE build -t x .', engine: undefined, sub: 'build', options: ['--tag=x'], positionals: ['.'] },
  ];
  for (const c of cases) {
    it(c.text.replace(/\n/g, ' ⏎ '), () => {
      const found = engineCommands(c.text);
      const cmd = found[found.length - 1];
      assert.ok(cmd, 'no engine command found');
      assert.equal(cmd.engine, c.engine);
      assert.equal(cmd.sub, c.sub);
      assert.deepEqual(optionsOf(cmd), c.options);
      assert.deepEqual(cmd.positionals.map((w) => w.raw), c.positionals);
      if (c.prefix) assert.deepEqual(cmd.prefix.map((w) => w.raw), c.prefix);
    });
  }

  it('gives the value part of --flag=value and -uVALUE its own offsets', () => {
    const text = 'docker run --user=root -u0 --volume="$PWD/a":/b img';
    const cmd = single(text);
    for (const o of cmd.options) assert.equal(text.slice(o.value!.start, o.value!.end), o.value!.raw);
    assert.deepEqual(cmd.options.map((o) => [o.value!.raw, o.inline]), [['root', true], ['0', true], ['"$PWD/a":/b', true]]);
  });

  it('finds engine commands across lines, inside functions, conditions and substitutions', () => {
    const text = [
      '#!/bin/bash',
      'IMAGE=tobs:latest',
      'if ! podman image exists "$IMAGE"; then',
      '  podman build --format docker -t "$IMAGE" .',
      'fi',
      'run() {',
      '  podman run --rm \\',
      '    --user root \\',
      '    "$IMAGE" "$@"',
      '}',
      'cid="$(docker run -d img)"',
      '# podman run commented-out',
      'cat <<EOF',
      'podman run in-heredoc',
      'EOF',
    ].join('\n');
    assert.deepEqual(engineCommands(text).map((c) => [c.sub, c.command.conditional]), [
      ['image exists', false],
      ['build', true],
      ['run', true],
      ['run', false],
    ]);
  });

  it('does not take other commands for engine calls', () => {
    const text = 'command -v docker\nwhich podman\ndocker\n$PYTHON run.py\n$cmd --version\necho docker run x\npodman-compose build\n';
    assert.deepEqual(engineCommands(text).map((c) => c.sub), []);
  });

  it('helpers: runImage, optionValues, isRun, isBuild', () => {
    const [run, build] = engineCommands('podman run -v a:/a --volume=b:/b img\npodman build -t x .');
    assert.equal(runImage(run)!.raw, 'img');
    assert.deepEqual(optionValues(run, '--volume').map((o) => o.value!.raw), ['a:/a', 'b:/b']);
    assert.deepEqual([isRun(run), isBuild(run), isRun(build), isBuild(build), runImage(build)], [true, false, false, true, undefined]);
  });
});
