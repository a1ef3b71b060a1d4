// What the benchmark needs before it measures: the peers (bench/package-lock.json, installed into
// bench/node_modules by `npm ci --prefix bench` when missing or stale), the product as it ships
// (`npm run package`: the minified bundles and the .vsix), copied aside so that other builds of
// dist/ during the run cannot change what is measured, and the bench's own helper programs.

import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { build } from 'esbuild';
import { REPO_ROOT } from '../test/support/paths';
import { findTool } from '../test/support/require-tool';
import { BENCH_DIR, PEERS_DIR, PROGRAMS_DIR, SHIPPED_DIR, VSIX } from './paths';
import { GNU_TIME } from './process';
const BUNDLES = ['server.js', 'cli.js', 'extension.js'];

export function ensurePeers(log: (line: string) => void): void {
  const installed = path.join(PEERS_DIR, '.package-lock.json');
  const lock = path.join(BENCH_DIR, 'package-lock.json');
  if (fs.existsSync(installed) && fs.statSync(installed).mtimeMs >= fs.statSync(lock).mtimeMs) return;
  log('installing the peers: npm ci --prefix bench');
  execFileSync('npm', ['ci', '--prefix', BENCH_DIR, '--no-audit', '--no-fund'], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
}

/** The Debian tools the benchmark runs: shellcheck (a peer) and GNU time (peak memory). */
export function requireDebianTools(): void {
  const missing = [
    ['shellcheck', 'shellcheck'],
    [GNU_TIME, 'time'],
  ].filter(([tool]) => !findTool(tool));
  if (missing.length) throw new Error(`missing: apt-get install -y ${missing.map(([, pkg]) => pkg).join(' ')}`);
}

/** `npm run package` (minified bundles + .vsix), then the bundles copied aside. */
export function buildShipped(log: (line: string) => void): void {
  log('building: npm run package');
  fs.mkdirSync(SHIPPED_DIR, { recursive: true });
  execFileSync('npm', ['run', 'package', '--', '--out', VSIX], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  for (const bundle of BUNDLES) fs.copyFileSync(path.join(REPO_ROOT, 'dist', bundle), path.join(SHIPPED_DIR, bundle));
}

/** The helper programs of the throughput section, bundled like the CLI (peers left external). */
export async function buildPrograms(): Promise<void> {
  const programs = path.join(BENCH_DIR, 'programs');
  await build({
    entryPoints: fs.readdirSync(programs).map((f) => path.join(programs, f)),
    outdir: PROGRAMS_DIR,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify: true,
    external: ['dockerfile-utils'],
    logLevel: 'warning',
  });
}
