// The CLI end to end, in-process (fast) and once as the bundled binary (exit codes, stdout).
// Golden files pin the JSON and SARIF contracts; refresh them with UPDATE_GOLDEN=1 after a
// deliberate change, and review the diff.

import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { main } from '../../server/src/cli/main';
import { EXAMPLE_DIR, REPO_ROOT } from '../support/paths';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(...argv: string[]): Run {
  let stdout = '';
  let stderr = '';
  const code = main(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), colour: false });
  return { code, stdout, stderr };
}

function golden(name: string, actual: string): void {
  const file = path.join(__dirname, 'golden', name);
  if (process.env.UPDATE_GOLDEN) fs.writeFileSync(file, actual);
  assert.equal(actual, fs.readFileSync(file, 'utf8'), `${name} differs from its golden file (UPDATE_GOLDEN=1 to refresh)`);
}

function copyExample(eol: '\n' | '\r\n' = '\n'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tobs-cli-'));
  for (const f of fs.readdirSync(EXAMPLE_DIR)) {
    fs.writeFileSync(path.join(dir, f), fs.readFileSync(path.join(EXAMPLE_DIR, f), 'utf8').replace(/\n/g, eol));
  }
  return dir;
}

const EXAMPLE = path.relative(process.cwd(), EXAMPLE_DIR);

describe('tobs-lint', () => {
  const temps: string[] = [];
  const temp = (eol?: '\n' | '\r\n') => {
    const d = copyExample(eol);
    temps.push(d);
    return d;
  };
  after(() => temps.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it('prints help and exits 0', () => {
    const r = run('--help');
    assert.equal(r.code, 0);
    assert.match(r.stdout, /Usage: tobs-lint/);
  });

  it('exits 2 with the usage on an unknown option, a bad value or a missing path', () => {
    for (const argv of [['--bogus'], ['--format', 'xml'], ['--fail-on', 'fatal'], ['--rule', 'nonsense'], ['does/not/exist']]) {
      const r = run(...argv);
      assert.equal(r.code, 2, argv.join(' '));
      assert.ok(r.stderr.startsWith('tobs-lint: '), r.stderr);
    }
  });

  it('exits 2 naming the key of an invalid configuration', () => {
    const dir = temp();
    fs.writeFileSync(path.join(dir, '.tobs-lint.yaml'), 'options:\n  resources:\n    limits:\n      cpus: lots\n');
    const r = run(dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /options\.resources\.limits\.cpus/);
    fs.writeFileSync(path.join(dir, '.tobs-lint.yaml'), 'rules:\n  compose/no-such-rule: off\n');
    assert.match(run(dir).stderr, /rules\.compose\/no-such-rule: unknown rule id/);
  });

  it('reports the tobs example in the JSON contract (golden)', () => {
    const r = run('--format', 'json', EXAMPLE);
    assert.equal(r.code, 1, 'the example has errors');
    const parsed = JSON.parse(r.stdout);
    assert.equal(parsed.version, 1);
    assert.equal(new Set(parsed.findings.map((f: { rule: string }) => f.rule)).size, 16);
    golden('tobs.json', r.stdout);
  });

  it('reports the tobs example as SARIF 2.1.0 (golden)', () => {
    const r = run('--format', 'sarif', EXAMPLE);
    const sarif = JSON.parse(r.stdout);
    assert.equal(sarif.version, '2.1.0');
    const ruleIds = sarif.runs[0].tool.driver.rules.map((x: { id: string }) => x.id);
    for (const result of sarif.runs[0].results) assert.equal(ruleIds[result.ruleIndex], result.ruleId);
    golden('tobs.sarif', r.stdout.split(JSON.stringify(pathToFileURL(process.cwd()).href + '/')).join('"file:///REPO/"'));
  });

  it('prints stylish output grouped by file with a summary', () => {
    const r = run(EXAMPLE);
    assert.match(r.stdout, /examples\/tobs\/Dockerfile\n {2}\d+:\d+ +\w+ +.+ +dockerfile\//);
    assert.match(r.stdout, /\d+ problems \(3 errors?|\d+ problems \(\d+ errors/);
    assert.doesNotMatch(r.stdout, /\x1b\[/, 'no colour when not a TTY');
  });

  it('--rule and --fail-on change severities and the exit code', () => {
    const dir = temp();
    const off = ['compose/hardcoded-gid', 'script/run-as-root', 'script/unquoted-path'].flatMap((id) => ['--rule', `${id}=off`]);
    assert.equal(run(...off, dir).code, 0, 'no errors left: exit 0');
    assert.equal(run(...off, '--fail-on', 'warning', dir).code, 1, 'warnings fail with --fail-on warning');
  });

  for (const eol of ['\n', '\r\n'] as const) {
    it(`--fix (${eol === '\n' ? 'LF' : 'CRLF'}) fixes everything, keeps line endings, and is idempotent`, () => {
      const dir = temp(eol);
      const first = run('--fix', '--format', 'json', dir);
      assert.deepEqual(JSON.parse(first.stdout).findings, []);
      assert.equal(first.code, 0);
      const after = new Map(fs.readdirSync(dir).map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]));
      for (const [name, text] of after) {
        if (eol === '\r\n') assert.doesNotMatch(text, /[^\r]\n/, `${name} keeps CRLF`);
        else assert.doesNotMatch(text, /\r/, `${name} keeps LF`);
      }
      assert.equal(fs.readFileSync(path.join(dir, 'uv.lock'), 'utf8'), fs.readFileSync(path.join(EXAMPLE_DIR, 'uv.lock'), 'utf8').replace(/\n/g, eol), 'unrelated files untouched');
      run('--fix', dir);
      for (const [name, text] of after) assert.equal(fs.readFileSync(path.join(dir, name), 'utf8'), text, `second --fix leaves ${name} alone`);
    });
  }

  it('--fix-dry-run prints a unified diff and writes nothing', () => {
    const dir = temp();
    const before = fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8');
    const r = run('--fix-dry-run', dir);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^--- a\/.*Dockerfile$/m);
    assert.match(r.stdout, /^\+\+\+ b\/.*docker-compose\.yml$/m);
    assert.match(r.stdout, /^-version: "3\.8"$/m);
    assert.equal(fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8'), before);
  });

  it('lints a single file with its folder as context, reporting only that file', () => {
    const r = run('--format', 'json', path.join(EXAMPLE, 'docker-compose.yml'));
    const files = new Set(JSON.parse(r.stdout).findings.map((f: { file: string }) => f.file));
    assert.deepEqual([...files], [`${EXAMPLE}/docker-compose.yml`]);
    const rules = JSON.parse(r.stdout).findings.map((f: { rule: string }) => f.rule);
    assert.ok(rules.includes('compose/healthcheck'), 'the cross-file rule saw the Dockerfile');
  });

  it('the bundled binary runs with the same exit codes', function () {
    this.timeout(60_000);
    const cli = path.join(REPO_ROOT, 'dist/cli.js');
    if (!fs.existsSync(cli)) spawnSync(process.execPath, [path.join(REPO_ROOT, 'esbuild.mjs')], { cwd: REPO_ROOT });
    const r = spawnSync(process.execPath, [cli, '--format', 'json', EXAMPLE_DIR], { encoding: 'utf8' });
    assert.equal(r.status, 1);
    assert.equal(JSON.parse(r.stdout).version, 1);
    assert.equal(spawnSync(process.execPath, [cli, '--nope'], { encoding: 'utf8' }).status, 2);
  });
});
