// Security review, as tests: no command line is ever built from file contents or settings (argv
// only, one module spawns, the language server never does); names from compose files and
// settings full of shell metacharacters, in a workspace whose own path is full of them too,
// reach a (fake) container engine as single argv elements and after `--`, so they can neither
// run anything nor turn into options; the render GID is only ever a number; and the .env writer
// and the fixes cannot be led outside the workspace.

import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { BackgroundJobs, nodeHostFiles, type CommandContext } from '../../client/src/commands/context';
import { buildAndRun, stop } from '../../client/src/commands/operations';
import { OutsideWorkspaceError, writeEnvVariable } from '../../client/src/engine/env-file';
import { findGroupGid } from '../../client/src/engine/gid';
import { shellQuote } from '../../client/src/engine/log';
import { NodeProcessRunner } from '../../client/src/engine/process';
import { DEFAULT_SETTINGS, type ClientSettings } from '../../client/src/settings';
import { main } from '../../server/src/cli/main';
import { Cleanup } from '../support/cleanup';
import { REPO_ROOT } from '../support/paths';
import { fuzzSeed } from './support/random';

/** Would be created by any of the payloads below, were a shell ever to see them. */
const SENTINEL = 'tobs-pwned';
const PAYLOADS = [`$(touch ${SENTINEL})`, `\`touch ${SENTINEL}\``, `x;touch ${SENTINEL}`, `x && touch ${SENTINEL}`, `x|touch ${SENTINEL}`, `x\ntouch ${SENTINEL}`, `'"$(touch ${SENTINEL})"'`];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(full) : /\.ts$/.test(e.name) ? [full] : [];
  });
}

const rel = (p: string) => path.relative(REPO_ROOT, p).split(path.sep).join('/');

/** Every source file `entry` imports, directly or through other files of the repository. */
function importedFrom(entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const m of fs.readFileSync(file, 'utf8').matchAll(/(?:from|import)\s+'(\.{1,2}\/[^']+)'/g)) {
      const target = path.resolve(path.dirname(file), m[1]);
      const found = [`${target}.ts`, path.join(target, 'index.ts')].find((f) => fs.existsSync(f));
      if (found) visit(found);
    }
  };
  visit(entry);
  return [...seen];
}

describe('security', function () {
  this.timeout(120_000);
  const cleanup = new Cleanup();
  after(() => cleanup.run());

  describe('argv only', () => {
    const server = sourceFiles(path.join(REPO_ROOT, 'server/src'));
    const client = sourceFiles(path.join(REPO_ROOT, 'client/src'));
    // The CLI may probe the host (--detect-host); it runs only when a user starts it.
    const text = new Map([...server, ...client].map((f) => [f, fs.readFileSync(f, 'utf8')]));

    it('the language server and the engine start no process at all (they run in untrusted workspaces)', () => {
      const reachable = importedFrom(path.join(REPO_ROOT, 'server/src/server.ts'));
      assert.ok(reachable.some((f) => f.endsWith('engine/lint.ts')), 'the import graph reaches the engine');
      assert.deepEqual(reachable.filter((f) => /child_process|\bworker_threads\b|\bprocess\.binding\b/.test(fs.readFileSync(f, 'utf8'))).map(rel), []);
    });

    it('in the client, one module spawns processes, with an argv and no shell', () => {
      assert.deepEqual(client.filter((f) => /child_process/.test(text.get(f)!)).map(rel), ['client/src/engine/process.ts']);
      const runner = text.get(path.join(REPO_ROOT, 'client/src/engine/process.ts'))!;
      assert.doesNotMatch(runner, /\bexec(Sync)?\(|execFile|shell\s*:/);
      assert.match(runner, /spawn\(program, args, \{/);
    });

    it('no shell command lines anywhere: no ShellExecution, no terminal sendText, no shell option, no eval', () => {
      const offending = [...text].filter(([, t]) => /ShellExecution|\.sendText\(|shell\s*:\s*true|\beval\(|new Function\(/.test(t)).map(([f]) => rel(f));
      assert.deepEqual(offending, []);
    });

    it('the one terminal the client opens gets a program and its arguments, not a command line', () => {
      const terminals = [...text].flatMap(([f, t]) => [...t.matchAll(/createTerminal\(([^)]*)\)/g)].map((m) => `${rel(f)}: ${m[1]}`));
      assert.ok(terminals.length > 0 && terminals.every((t) => /shellPath, shellArgs/.test(t)), terminals.join('\n'));
    });

    it('a command shown in the log can be pasted into bash and gives back exactly the argv', () => {
      const word = fc.string({ unit: fc.oneof(fc.constantFrom(...'$`\'"\\;&|<>(){}[]*?!~# \t\n%=:,./-@+^'.split('')), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 })) }).filter((w) => !w.includes('\u0000'));
      fc.assert(
        fc.property(fc.array(word, { minLength: 1, maxLength: 8 }), (words) => {
          const r = spawnSync('bash', ['-c', `printf '%s\\0' ${words.map(shellQuote).join(' ')}`], { encoding: 'utf8', cwd: os.tmpdir() });
          assert.deepEqual(r.stdout.split('\0').slice(0, -1), words);
        }),
        { numRuns: 50, seed: fuzzSeed() },
      );
    });
  });

  describe('crafted names against a fake container engine', () => {
    let bin: string;
    let log: string;
    let ws: string;
    let scratch: string;

    beforeEach(() => {
      bin = cleanup.tempDir('fake-bin');
      scratch = cleanup.tempDir('cwd');
      ws = cleanup.tempDir(`crafted ws $(touch ${SENTINEL}); \`touch ${SENTINEL}\``);
      log = path.join(bin, 'argv.log');
      // The fake records every argv, NUL-separated, each call ended by a record separator (\x1e), and answers like podman.
      fs.writeFileSync(
        path.join(bin, 'podman'),
        [
          '#!/bin/bash',
          `{ printf '%s\\0' "$@"; printf '\\036'; } >> "$TOBS_FAKE_LOG"`,
          'case "$1 $2" in',
          '  "version --format") echo 5.0.0 ;;',
          '  "compose version") echo "podman-compose version 1.2.0" ;;',
          `  "container inspect") echo '[{"Name":"x","State":{"Status":"running","Running":true,"ExitCode":0},"Config":{"Image":"x"}}]' ;;`,
          'esac',
          'exit 0',
          '',
        ].join('\n'),
        { mode: 0o755 },
      );
      fs.writeFileSync(path.join(bin, 'getent'), `#!/bin/bash\necho 'render:x:109:'\n`, { mode: 0o755 });
      fs.writeFileSync(path.join(ws, 'Dockerfile'), 'FROM python:3.12\n');
    });

    function context(settings: Partial<ClientSettings>): CommandContext {
      const runner = new NodeProcessRunner({ ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH}`, TOBS_FAKE_LOG: log });
      return {
        runner,
        log: { append: () => undefined },
        settings: { ...DEFAULT_SETTINGS, containerEngine: 'podman', ...settings },
        workspaceFolder: ws,
        home: scratch,
        files: nodeHostFiles,
        progress: () => undefined,
        background: new BackgroundJobs(),
      };
    }

    function calls(): string[][] {
      return fs.existsSync(log) ? fs.readFileSync(log, 'utf8').split('\x1e').filter(Boolean).map((record) => record.split('\0').slice(0, -1)) : [];
    }

    function assertNothingRan(): void {
      for (const dir of [ws, scratch, bin, process.cwd(), os.tmpdir()]) assert.equal(fs.existsSync(path.join(dir, SENTINEL)), false, `a payload ran in ${dir}`);
    }

    /** `value` reaches the engine as one argv element, after `--` (so never as an option). */
    function assertPositional(call: string[] | undefined, value: string): void {
      assert.ok(call, `no call carried ${JSON.stringify(value)}`);
      const at = call.indexOf(value);
      assert.ok(at > 0 && call[at - 1] === '--', `${JSON.stringify(value)} is not a positional after --: ${JSON.stringify(call)}`);
    }

    for (const payload of PAYLOADS) {
      it(`compose path: service ${JSON.stringify(payload)}, container_name "--latest"`, async () => {
        const service = `--podman-run-args=--privileged ${payload}`;
        fs.writeFileSync(path.join(ws, 'compose.yaml'), `services:\n  ${JSON.stringify(service)}:\n    build: .\n    image: ${JSON.stringify(payload)}\n    container_name: --latest\n`);
        await buildAndRun(context({}));
        await stop(context({}));
        assertNothingRan();
        const all = calls();
        for (const sub of ['build', 'up']) assertPositional(all.find((c) => c[0] === 'compose' && c.includes(sub)), service);
        for (const sub of ['inspect', 'stop']) assertPositional(all.find((c) => c.includes(sub)), '--latest');
      });

      it(`direct path: image, container name and volume from settings ${JSON.stringify(payload)}`, async () => {
        const image = `-x${payload}`;
        const name = `--latest${payload}`;
        const volume = `./data ${payload}:/data${payload.replace(/\n/g, ' ')}`;
        await buildAndRun(context({ imageName: image, containerName: name, volumes: [volume], devices: ['/dev/null'] }));
        assertNothingRan();
        const all = calls();
        assertPositional(all.find((c) => c[0] === 'run'), image);
        for (const sub of ['inspect', 'rm', 'exists']) assertPositional(all.find((c) => c.includes(sub)), sub === 'exists' ? image : name);
        assert.ok(all.find((c) => c[0] === 'run')!.some((a) => a.endsWith(`:/data${payload.replace(/\n/g, ' ')}`)), 'the volume is one element');
      });
    }

    it('script path: settings reach the run script as environment values, never as code', async () => {
      const script = 'run tobs $(x).sh';
      fs.writeFileSync(path.join(ws, script), '#!/bin/bash\npodman run --name "$TOBS_CONTAINER" "$TOBS_IMAGE"\npodman run --name $TOBS_CONTAINER $TOBS_IMAGE\n');
      for (const payload of PAYLOADS) await buildAndRun(context({ runScript: script, imageName: payload, containerName: payload }));
      assertNothingRan();
    });
  });

  describe('fixes stay inside the workspace', () => {
    it('tobs-lint --fix edits no file outside the folder it was given, whatever compose points at', () => {
      const root = cleanup.tempDir('fix-outside');
      const outside = path.join(root, 'outside');
      const ws = path.join(root, 'ws');
      fs.mkdirSync(outside);
      fs.mkdirSync(ws);
      const dockerfile = 'FROM python:3.12-slim\nCMD ["python", "-m", "app"]\n';
      fs.writeFileSync(path.join(outside, 'Dockerfile'), dockerfile);
      fs.symlinkSync(path.join(outside, 'Dockerfile'), path.join(ws, 'Linked.Dockerfile'));
      fs.writeFileSync(
        path.join(ws, 'compose.yaml'),
        'services:\n  up:\n    build: ../outside\n  abs:\n    build:\n      context: /\n      dockerfile: ' + path.join(outside, 'Dockerfile') + '\n  link:\n    build:\n      context: .\n      dockerfile: Linked.Dockerfile\n',
      );
      const code = main(['--fix', ws], { stdout: () => undefined, stderr: () => undefined, colour: false });
      assert.ok(code === 0 || code === 1, `exit code ${code}`);
      assert.equal(fs.readFileSync(path.join(outside, 'Dockerfile'), 'utf8'), dockerfile);
      assert.ok(fs.lstatSync(path.join(ws, 'Linked.Dockerfile')).isSymbolicLink(), 'the link is still a link');
    });
  });

  describe('render GID', () => {
    it('is a number or nothing, whatever getent or /etc/group say', () => {
      fc.assert(
        fc.property(fc.array(fc.oneof(fc.constantFrom(...PAYLOADS, 'render:x:109:', 'render:x:-1:', 'render:x:1e3:', 'render:x: 109:', 'render:x:0x6d:', 'render::', 'render'), fc.string()), { maxLength: 5 }), (lines) => {
          const gid = findGroupGid(lines.join('\n'), 'render');
          assert.ok(gid === undefined || (Number.isSafeInteger(gid) && gid >= 0 && String(gid) === String(Number(gid))), String(gid));
        }),
        { numRuns: 200, seed: fuzzSeed() },
      );
    });
  });

  describe('.env writer', () => {
    let root: string;
    let outside: string;
    beforeEach(() => {
      root = cleanup.tempDir('env-ws');
      outside = cleanup.tempDir('env-outside');
      fs.writeFileSync(path.join(outside, 'target'), 'KEEP=1\n');
    });

    const unchanged = () => assert.equal(fs.readFileSync(path.join(outside, 'target'), 'utf8'), 'KEEP=1\n');

    it('refuses a .env that is a hard link (it may be a file outside the workspace)', async () => {
      fs.linkSync(path.join(outside, 'target'), path.join(root, '.env'));
      await assert.rejects(writeEnvVariable(root, 'RENDER_GID', '109'), OutsideWorkspaceError);
      unchanged();
    });

    it('refuses a chain of links that ends outside, through a linked folder too', async () => {
      fs.symlinkSync(path.join(outside, 'target'), path.join(root, 'hop'));
      fs.symlinkSync('hop', path.join(root, '.env'));
      await assert.rejects(writeEnvVariable(root, 'RENDER_GID', '109'), OutsideWorkspaceError);
      fs.rmSync(path.join(root, '.env'));
      fs.rmSync(path.join(root, 'hop'));
      fs.symlinkSync(outside, path.join(root, 'linked'));
      fs.symlinkSync('linked/target', path.join(root, '.env'));
      await assert.rejects(writeEnvVariable(root, 'RENDER_GID', '109'), OutsideWorkspaceError);
      unchanged();
    });

    it('writes into the real folder when the workspace folder itself is a link', async () => {
      const link = path.join(outside, 'ws-link');
      fs.symlinkSync(root, link);
      const written = await writeEnvVariable(link, 'RENDER_GID', '109');
      assert.equal(written, path.join(fs.realpathSync(root), '.env'));
      assert.equal(fs.readFileSync(path.join(root, '.env'), 'utf8'), 'RENDER_GID=109\n');
    });

    it('fails on a .env that is a folder, writing nothing', async () => {
      fs.mkdirSync(path.join(root, '.env'));
      await assert.rejects(writeEnvVariable(root, 'RENDER_GID', '109'));
      assert.deepEqual(fs.readdirSync(path.join(root, '.env')), []);
    });

    it('rejects keys and values that would add lines or name other files', async () => {
      for (const [key, value] of [['RENDER_GID\nEVIL', '1'], ['../../x', '1'], ['RENDER_GID', '1\nEVIL=1'], ['RENDER_GID', '1\rEVIL=1']]) {
        await assert.rejects(writeEnvVariable(root, key, value));
      }
      assert.equal(fs.existsSync(path.join(root, '.env')), false);
    });
  });
});
