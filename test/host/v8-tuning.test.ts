import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { REPO_ROOT } from '../support/paths';

const TUNING = path.join(REPO_ROOT, 'server/src/host/v8-tuning.ts');

/**
 * How many calls a small hot function takes to be optimised, in a process of its own, with or
 * without the raised interrupt budget. Node ignores a V8 flag it does not know, so this is what shows that the
 * flag still exists and still means what the tuning relies on.
 */
function callsUntilOptimised(tuned: boolean): number {
  const script = [
    tuned ? `require(${JSON.stringify(TUNING)}).raiseInterruptBudget();` : '',
    // eval: the function must be compiled after the tuning, as the CLI's bundle is.
    `const hot = eval('(function hot(s) { let h = 0; for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) | 0; return h; })');`,
    // Bit 4 of V8's optimisation status: optimised code is installed.
    `const optimised = eval('(f) => (%GetOptimizationStatus(f) & 16) !== 0');`,
    'let calls = 0;',
    `while (calls < 2_000_000 && !optimised(hot)) { hot('some text to hash'); calls++; }`,
    'process.stdout.write(String(calls));',
  ].join('\n');
  // Compiled on the main thread, so that the count does not depend on when a compiler thread is done.
  const r = spawnSync(process.execPath, ['--allow-natives-syntax', '--no-concurrent-recompilation', '--import', 'tsx', '-e', script], { encoding: 'utf8', cwd: REPO_ROOT });
  assert.equal(r.status, 0, r.stderr);
  return Number(r.stdout);
}

describe('the raised V8 interrupt budget (CLI and language server)', () => {
  it('makes V8 optimise a hot function several times later than by default', function () {
    this.timeout(30_000);
    const byDefault = callsUntilOptimised(false);
    const tuned = callsUntilOptimised(true);
    assert.ok(byDefault > 0 && byDefault < 2_000_000, `optimised by default after ${byDefault} calls`);
    assert.ok(tuned >= 4 * byDefault, `optimised after ${tuned} calls tuned, ${byDefault} by default`);
  });
});
