// Host facts in the CLI: given as flags, or detected with --detect-host by running podman,
// podman-compose and getent (from argv arrays); flags win over what is detected.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs, UsageError } from '../../server/src/cli/args';
import { main } from '../../server/src/cli/main';
import { detectHostFacts, spawnProbe, type Probe } from '../../server/src/host/detect';

/** What podman-compose 1.0.3 prints for `--version` (it misspells itself). */
const PODMAN_COMPOSE_103 = "['podman', '--version', '']\nusing podman version: 4.3.1\npodman-composer version  1.0.3\npodman --version \npodman version 4.3.1\nexit code: 0\n";

/** A probe that answers the argv it knows (joined with spaces) and fails everything else. */
function fakeProbe(answers: Record<string, string>, asked: string[][] = []): Probe {
  return (argv) => {
    asked.push([...argv]);
    const output = answers[argv.join(' ')];
    return output === undefined ? { ok: false, output: '' } : { ok: true, output };
  };
}

const COMPOSE = 'services:\n  app:\n    image: x\n    group_add:\n      - "${RENDER_GID:-988}"\n';

describe('tobs-lint host facts', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tobs-host-'));
    fs.writeFileSync(path.join(dir, 'compose.yml'), COMPOSE);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  function lint(argv: string[], probe?: Probe): { code: number; rules: string[]; stderr: string } {
    let stdout = '';
    let stderr = '';
    const code = main([...argv, '--format', 'json', dir], { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), colour: false, probe });
    const rules = stdout ? JSON.parse(stdout).findings.map((f: { rule: string }) => f.rule) : [];
    return { code, rules, stderr };
  }

  describe('flags', () => {
    it('--compose-provider and --compose-provider-version fill the host facts', () => {
      assert.deepEqual(parseArgs(['--compose-provider', 'podman compose', '--compose-provider-version=1.0.3']).host, { composeProvider: 'podman compose', composeProviderVersion: '1.0.3' });
      for (const name of ['podman-compose', 'docker-compose', 'docker compose']) assert.equal(parseArgs(['--compose-provider', name]).host.composeProvider, name);
      assert.equal(parseArgs(['--detect-host']).detectHost, true);
      assert.equal(parseArgs([]).detectHost, false);
    });

    it('rejects an unknown provider or a version that is not one', () => {
      assert.throws(() => parseArgs(['--compose-provider', 'nerdctl']), (e: unknown) => e instanceof UsageError && /podman-compose, docker-compose/.test(e.message));
      assert.throws(() => parseArgs(['--compose-provider-version', 'latest']), UsageError);
      assert.throws(() => parseArgs(['--compose-provider']), /needs a value/);
      assert.equal(lint(['--compose-provider', 'nerdctl']).code, 2);
    });

    it('compose/podman-compose-group-add fires only when the flags say podman-compose 1.0.3', () => {
      assert.ok(!lint([]).rules.includes('compose/podman-compose-group-add'), 'quiet without host facts');
      assert.ok(lint(['--compose-provider', 'podman-compose', '--compose-provider-version', '1.0.3']).rules.includes('compose/podman-compose-group-add'));
      assert.ok(!lint(['--compose-provider', 'podman-compose', '--compose-provider-version', '1.1.0']).rules.includes('compose/podman-compose-group-add'));
    });
  });

  describe('detection', () => {
    it('podman with podman-compose 1.0.3 and a render group', () => {
      const asked: string[][] = [];
      const facts = detectHostFacts(fakeProbe({ 'podman --version': 'podman version 4.3.1\n', 'podman-compose --version': PODMAN_COMPOSE_103, 'getent group render': 'render:x:109:\n' }, asked));
      assert.deepEqual(facts, { engine: 'podman', composeProvider: 'podman-compose', composeProviderVersion: '1.0.3', renderGid: 109 });
      assert.deepEqual(asked, [['podman', '--version'], ['podman-compose', '--version'], ['getent', 'group', 'render']]);
    });

    it('podman compose, with podman-compose doing the work underneath', () => {
      const facts = detectHostFacts(fakeProbe({ 'podman --version': 'podman version 5.2.0', 'podman compose version': '>>>> Executing external compose provider "/usr/bin/podman-compose".\npodman-compose version 1.0.6\npodman version 5.2.0\n' }));
      assert.deepEqual(facts, { engine: 'podman', composeProvider: 'podman-compose', composeProviderVersion: '1.0.6' });
    });

    it('docker with the compose plugin, or the standalone docker-compose', () => {
      assert.deepEqual(detectHostFacts(fakeProbe({ 'docker --version': 'Docker version 28.2.2', 'docker compose version': 'Docker Compose version v2.29.1\n' })), {
        engine: 'docker',
        composeProvider: 'docker compose',
        composeProviderVersion: '2.29.1',
      });
      assert.deepEqual(detectHostFacts(fakeProbe({ 'docker --version': 'Docker version 20.10', 'docker-compose --version': 'docker-compose version 1.29.2, build unknown\n' })), {
        engine: 'docker',
        composeProvider: 'docker-compose',
        composeProviderVersion: '1.29.2',
      });
    });

    it('nothing installed: no facts', () => {
      assert.deepEqual(detectHostFacts(fakeProbe({})), {});
    });

    it('--detect-host uses what it detects, and flags win over it', () => {
      const probe = fakeProbe({ 'podman --version': 'podman version 4.3.1', 'podman-compose --version': PODMAN_COMPOSE_103 });
      assert.ok(lint(['--detect-host'], probe).rules.includes('compose/podman-compose-group-add'));
      assert.ok(!lint(['--detect-host', '--compose-provider-version', '1.2.0'], probe).rules.includes('compose/podman-compose-group-add'));
      assert.ok(!lint([], probe).rules.includes('compose/podman-compose-group-add'), 'no detection without the flag');
    });

    it('runs the real programs it finds on PATH, from argv arrays', () => {
      const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'tobs-bin-'));
      const script = (name: string, body: string) => fs.writeFileSync(path.join(bin, name), `#!/bin/sh\n${body}\n`, { mode: 0o755 });
      script('podman', '[ "$1" = --version ] && echo "podman version 4.3.1"');
      script('podman-compose', `[ "$1" = --version ] && printf '%s' "${PODMAN_COMPOSE_103.replace(/'/g, '')}"`);
      script('getent', '[ "$1 $2" = "group render" ] && echo "render:x:988:" || exit 2');
      const oldPath = process.env.PATH;
      process.env.PATH = bin;
      try {
        assert.deepEqual(detectHostFacts(spawnProbe), { engine: 'podman', composeProvider: 'podman-compose', composeProviderVersion: '1.0.3', renderGid: 988 });
      } finally {
        process.env.PATH = oldPath;
        fs.rmSync(bin, { recursive: true, force: true });
      }
    });
  });
});
