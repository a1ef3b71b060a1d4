import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '../support/paths';

const LOADER = path.join(REPO_ROOT, 'server/src/cli/code-cache.ts');

/** Loads `bundle` through the code cache in a process of its own (the cache is written at exit) and returns what it exported. */
function load(bundle: string): string {
  const script = `const { loadWithCodeCache } = require(${JSON.stringify(LOADER)}); process.stdout.write(String(loadWithCodeCache(${JSON.stringify(bundle)}).value));`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { encoding: 'utf8', cwd: REPO_ROOT });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

describe('the CLI code cache', () => {
  let dir: string;
  let bundle: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tobs-code-cache-'));
    bundle = path.join(dir, 'bundle.js');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is written by the first run and used by the next', () => {
    fs.writeFileSync(bundle, 'exports.value = [1, 2, 3].map((x) => x * 2).join(",");');
    assert.equal(load(bundle), '2,4,6');
    assert.ok(fs.existsSync(`${bundle}.cache`));
    assert.equal(load(bundle), '2,4,6');
  });

  it('a cache of another bundle of the same length is not used', () => {
    fs.writeFileSync(bundle, 'exports.value = "aaaa";');
    assert.equal(load(bundle), 'aaaa');
    fs.writeFileSync(bundle, 'exports.value = "bbbb";');
    assert.equal(load(bundle), 'bbbb');
    assert.equal(load(bundle), 'bbbb');
  });

  it('a damaged cache costs nothing but the compilation', () => {
    fs.writeFileSync(bundle, 'exports.value = "ok";');
    fs.writeFileSync(`${bundle}.cache`, Buffer.alloc(100, 7));
    assert.equal(load(bundle), 'ok');
    assert.equal(load(bundle), 'ok');
  });

  it('a folder where the cache cannot be written costs nothing but the compilation', () => {
    fs.writeFileSync(bundle, 'exports.value = "ok";');
    // A folder in the cache's place: neither readable as a file nor replaceable by a rename.
    fs.mkdirSync(`${bundle}.cache`);
    fs.writeFileSync(path.join(`${bundle}.cache`, 'keep'), '');
    assert.equal(load(bundle), 'ok');
    assert.equal(load(bundle), 'ok');
    assert.deepEqual(fs.readdirSync(dir).sort(), ['bundle.js', 'bundle.js.cache']);
  });
});
