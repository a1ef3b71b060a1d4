// What the benchmark needs before it measures: the peers (bench/package-lock.json, installed into
// bench/node_modules by `npm ci --prefix bench` when missing or stale), the product as it ships
// (`npm run package`: the minified bundles and the .vsix), copied aside so that other builds of
// dist/ during the run cannot change what is measured, and the bench's own helper programs.

import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { build, type BuildOptions } from 'esbuild';
import { CORPUS_DIR, REPO_ROOT } from '../test/support/paths';
import { findTool } from '../test/support/require-tool';
import { BENCH_DIR, PEERS_DIR, PROGRAMS_DIR, SHIPPED_DIR, VSIX } from './paths';
import { GNU_TIME } from './process';
const BUNDLES = ['server.js', 'cli.js', 'cli-main.js', 'extension.js'];

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
  for (const f of fs.readdirSync(SHIPPED_DIR)) if (f.endsWith('.cache')) fs.rmSync(path.join(SHIPPED_DIR, f));
}

/** The floor keeps the CLI's shape: its program bundled alone, run by the same code-cache loader, exiting the same way. */
const FLOOR_PROGRAM = 'parse-floor.ts';

/** The helper programs of the throughput section, bundled like the CLI (peers left external). */
export async function buildPrograms(): Promise<void> {
  const programs = path.join(BENCH_DIR, 'programs');
  const common: BuildOptions = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', minify: true, logLevel: 'warning' };
  // The peer's own dockerfile-utils (bench/node_modules) for its program; the floor bundles the product's, as the CLI does.
  await build({ ...common, entryPoints: fs.readdirSync(programs).filter((f) => f !== FLOOR_PROGRAM).map((f) => path.join(programs, f)), outdir: PROGRAMS_DIR, external: ['dockerfile-utils'] });
  const floorMain = 'parse-floor-main.js';
  await build({ ...common, entryPoints: [path.join(programs, FLOOR_PROGRAM)], outfile: path.join(PROGRAMS_DIR, floorMain) });
  await build({
    ...common,
    stdin: {
      contents: [
        `import { loadWithCodeCache } from './server/src/cli/code-cache';`,
        `import { exitOnceWritten } from './server/src/cli/exit';`,
        `import { raiseInterruptBudget } from './server/src/host/v8-tuning';`,
        'raiseInterruptBudget();',
        `loadWithCodeCache(require('node:path').join(__dirname, ${JSON.stringify(floorMain)}));`,
        'exitOnceWritten();',
      ].join('\n'),
      resolveDir: REPO_ROOT,
      loader: 'ts',
    },
    outfile: path.join(PROGRAMS_DIR, FLOOR_PROGRAM.replace(/\.ts$/, '.js')),
  });
  for (const f of fs.readdirSync(PROGRAMS_DIR)) if (f.endsWith('.cache')) fs.rmSync(path.join(PROGRAMS_DIR, f));
}

/**
 * The CLI and the floor keep V8's code cache next to their bundle, written by their first run: one
 * run of each over the corpus before anything is measured, as a user's runs after the first.
 */
export async function warmCodeCaches(run: (argv: string[]) => Promise<unknown>): Promise<void> {
  await run([process.execPath, path.join(SHIPPED_DIR, 'cli.js'), '--format', 'json', CORPUS_DIR]);
  await run([process.execPath, path.join(PROGRAMS_DIR, FLOOR_PROGRAM.replace(/\.ts$/, '.js')), CORPUS_DIR]);
}
