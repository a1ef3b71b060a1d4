// The extension as a user gets it: `npm run package` builds the .vsix once per test run.

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from './paths';

const VSIX = path.join(REPO_ROOT, 'out/e2e/tobs-devkit.vsix');
let packaged = false;

export function packagedVsix(): string {
  if (packaged) return VSIX;
  fs.rmSync(VSIX, { force: true });
  fs.mkdirSync(path.dirname(VSIX), { recursive: true });
  const result = spawnSync('npm', ['run', 'package', '--', '--out', VSIX], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 300_000 });
  if (result.status !== 0 || !fs.existsSync(VSIX)) throw new Error(`npm run package failed (${result.status}):\n${result.stdout}${result.stderr}`);
  packaged = true;
  return VSIX;
}
