// `npm run bench -- --profile`: where the time goes, for the figures that miss a target. Builds
// unminified bundles of the CLI and the server, runs them with --cpu-prof on the benchmark's own
// inputs, and prints the functions with the most time, named by the source file they come from
// (esbuild marks each module in an unminified bundle with a `// path` comment).

import * as fs from 'node:fs';
import * as path from 'node:path';
import { build } from 'esbuild';
import { CORPUS_DIR, REPO_ROOT } from '../test/support/paths';
import { measureIndexing } from './footprint';
import { latencyCases, longFileCase, measureEdits } from './latency';
import type { ServerSpec } from './lsp-session';
import { OUT_DIR } from './paths';
import { runMeasured } from './process';
import { ourServer } from './servers';

const PROFILE_DIR = path.join(OUT_DIR, 'profile');
const TOP = 25;

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

/** For a bundle, the source module of each line, from esbuild's `// path` markers. */
function moduleMap(bundle: string): (line: number) => string {
  const markers: { line: number; module: string }[] = [];
  fs.readFileSync(bundle, 'utf8')
    .split('\n')
    .forEach((text, line) => {
      const m = /^\/\/ ((?:server|client|node_modules)\/\S+)$/.exec(text);
      if (m) markers.push({ line, module: m[1].replace(/^node_modules\//, '') });
    });
  return (line) => {
    let lo = 0;
    let hi = markers.length - 1;
    let found = '?';
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (markers[mid].line <= line) {
        found = markers[mid].module;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  };
}

/** Self and inclusive time per function (named with its module), busiest first. */
export function summarize(profileFile: string, bundle: string): string {
  const profile = JSON.parse(fs.readFileSync(profileFile, 'utf8')) as CpuProfile;
  const moduleOf = moduleMap(bundle);
  const parent = new Map<number, number>();
  const name = new Map<number, string>();
  for (const node of profile.nodes) {
    for (const child of node.children ?? []) parent.set(child, node.id);
    const f = node.callFrame;
    const where = f.url.endsWith(path.basename(bundle)) ? moduleOf(f.lineNumber) : f.url ? path.basename(f.url) : '';
    name.set(node.id, `${f.functionName || '(anonymous)'}${where ? `  ${where}` : ''}`);
  }
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const add = (m: Map<string, number>, k: string, us: number) => m.set(k, (m.get(k) ?? 0) + us);
  let total = 0;
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i] ?? 0;
    total += us;
    add(self, name.get(id)!, us);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const n = name.get(at)!;
      if (!seen.has(n)) add(inclusive, n, us);
      seen.add(n);
    }
  });
  const top = (m: Map<string, number>) =>
    [...m]
      .filter(([k]) => !k.startsWith('(root)') && !k.startsWith('(idle)'))
      .sort((a, b) => b[1] - a[1])
      .slice(0, TOP)
      .map(([k, us]) => `${(us / 1000).toFixed(0).padStart(7)} ms  ${k}`);
  return [`${path.basename(profileFile)}: ${(total / 1000).toFixed(0)} ms sampled`, '  self:', ...top(self).map((l) => '  ' + l), '  inclusive:', ...top(inclusive).map((l) => '  ' + l)].join('\n');
}

async function bundleUnminified(entry: string, name: string): Promise<string> {
  const outfile = path.join(PROFILE_DIR, name);
  await build({ entryPoints: [path.join(REPO_ROOT, entry)], outfile, bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning' });
  return outfile;
}

function profiled(bundle: string, dir: string): ServerSpec {
  const spec = ourServer(100_000);
  return { ...spec, argv: [process.execPath, '--cpu-prof', `--cpu-prof-dir=${dir}`, bundle, '--stdio'] };
}

function newestProfile(dir: string): string {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  return path.join(dir, files.sort().at(-1)!);
}

export async function profile(log: (line: string) => void): Promise<void> {
  fs.rmSync(PROFILE_DIR, { recursive: true, force: true });
  const cli = await bundleUnminified('server/src/cli/main.ts', 'cli.js');
  const server = await bundleUnminified('server/src/server.ts', 'server.js');
  const runs: { what: string; bundle: string; run: (dir: string) => Promise<unknown> }[] = [
    { what: 'CLI over the corpus', bundle: cli, run: (dir) => runMeasured('profile-cli', [process.execPath, '--cpu-prof', `--cpu-prof-dir=${dir}`, cli, '--format', 'json', CORPUS_DIR]) },
    { what: 'server indexing the corpus', bundle: server, run: (dir) => measureIndexing(profiled(server, dir), CORPUS_DIR) },
    { what: 'server, 50 edits of the 2,000-line Dockerfile', bundle: server, run: (dir) => measureEdits(profiled(server, dir), latencyCases().find((c) => c.id === 'dockerfile-2000')!, { edits: 50, crossFile: true }) },
    { what: 'server, 20 edits of the 5,000-line Dockerfile', bundle: server, run: (dir) => measureEdits(profiled(server, dir), longFileCase(), { edits: 20, crossFile: true }) },
  ];
  for (const [i, r] of runs.entries()) {
    const dir = path.join(PROFILE_DIR, String(i));
    fs.mkdirSync(dir, { recursive: true });
    await r.run(dir);
    log(`${r.what}\n${summarize(newestProfile(dir), r.bundle)}\n`);
  }
}
