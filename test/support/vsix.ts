// The extension as a user gets it: `npm run package` builds the .vsix once per test process, into
// a temp dir of its own (two runs in one working tree must not share it), removed when mocha exits.

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from './paths';

let vsix: string | undefined;

export function packagedVsix(): string {
  if (vsix) return vsix;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tobs-vsix-'));
  process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'tobs-devkit.vsix');
  const result = spawnSync('npm', ['run', 'package', '--', '--out', file], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 300_000 });
  if (result.status !== 0 || !fs.existsSync(file)) throw new Error(`npm run package failed (${result.status}):\n${result.stdout}${result.stderr}`);
  vsix = file;
  return vsix;
}
