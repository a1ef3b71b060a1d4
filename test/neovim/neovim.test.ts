// An editor nobody here wrote: headless Neovim 0.7 (Debian's `neovim`) drives the bundled server
// through its built-in LSP client, applies the preferred quick fix and writes the file. The suite
// fails if the diagnostics do not arrive or the fix is not applied.

import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../support/paths';
import { requireTool } from '../support/require-tool';
import { TempWorkspace } from '../server/workspace';

const SCRIPT = path.join(__dirname, 'quickfix.lua');
/** Only so that a hung editor cannot hang the run; the script's own waits are shorter. */
const KILL_AFTER_MS = 100_000;

describe('Neovim (headless, vim.lsp.start_client)', function () {
  this.timeout(KILL_AFTER_MS + 20_000);
  let ws: TempWorkspace | undefined;

  before(function () {
    if (!requireTool('nvim', 'install Neovim (Debian: apt-get install -y neovim)', ['--version'])) this.skip();
    const build = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: REPO_ROOT, encoding: 'utf8' });
    assert.equal(build.status, 0, `node esbuild.mjs failed:\n${build.stderr}`);
  });

  after(() => ws?.dispose());

  it('receives the diagnostics, applies the preferred quick fix, writes the file and sees the diagnostic go', async () => {
    ws = new TempWorkspace();
    const result = path.join(ws.dir, '.nvim-result');
    const before = ws.lint('Dockerfile');
    const { code, output } = await runNeovim({
      TOBS_NODE: process.execPath,
      TOBS_SERVER: path.join(REPO_ROOT, 'dist/server.js'),
      TOBS_ROOT: ws.dir,
      TOBS_RESULT: result,
    });
    const outcome = fs.existsSync(result) ? fs.readFileSync(result, 'utf8').trim() : `no result (nvim exited with ${code}):\n${output}`;
    assert.match(outcome, /^PASS /, outcome);
    assert.equal(code, 0, output);

    const rule = outcome.slice('PASS '.length);
    const count = (findings: { rule: string }[]) => findings.filter((f) => f.rule === rule).length;
    assert.ok(count(ws.lint('Dockerfile')) < count(before), `the written Dockerfile no longer has the ${rule} finding`);
  });
});

function runNeovim(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('nvim', ['--headless', '--clean', '-n', '-c', `luafile ${SCRIPT}`], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const killer = setTimeout(() => child.kill('SIGKILL'), KILL_AFTER_MS);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(killer);
      resolve({ code, output });
    });
  });
}
