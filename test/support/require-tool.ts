// Suites that need a system tool (podman, Neovim, code-server + Chromium) run when it is present
// and otherwise skip loudly. With TOBS_REQUIRE_ALL=1 (CI sets it) a missing tool fails instead,
// so a green CI run cannot hide a suite that never ran.

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export function toolsAreRequired(): boolean {
  return process.env.TOBS_REQUIRE_ALL === '1';
}

/** The absolute path of `name` on PATH (or `name` itself when it is a path that exists). */
export function findTool(name: string): string | undefined {
  if (name.includes('/')) return isExecutable(name) ? name : undefined;
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

/**
 * True when `name` is installed. When it is not: throws under TOBS_REQUIRE_ALL=1, otherwise prints
 * a loud notice saying `how` to enable the suite and returns false (call `this.skip()` then).
 * `probe`, when given, must also exit 0 (e.g. `['--version']`) for the tool to count as present.
 */
export function requireTool(name: string, how: string, probe?: string[]): boolean {
  const found = findTool(name);
  const works = found !== undefined && (probe === undefined || spawnSync(found, probe, { stdio: 'ignore', timeout: 30_000 }).status === 0);
  if (works) return true;
  const message = `${name} is not available (${found ? 'it did not answer ' + probe!.join(' ') : name.includes('/') ? 'not installed there' : 'not on PATH'}); to enable this suite: ${how}`;
  if (toolsAreRequired()) throw new Error(`TOBS_REQUIRE_ALL=1: ${message}`);
  process.stderr.write(`\n  *** SKIPPED: ${message} ***\n\n`);
  return false;
}

function isExecutable(p: string): boolean {
  try {
    fs.accessSync(p, fs.constants.X_OK);
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}
