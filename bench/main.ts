// `npm run bench`: measures tobs DevKit against the tools users would otherwise run, on the same
// inputs in one run, and writes docs/benchmarks.md with its chart (and bench/results.json).
// `npm run bench -- --quick` runs a reduced set and prints one JSON object with the ratios.
// `npm run bench -- --report` rewrites the report from bench/results.json without measuring.
// `npm run bench -- --profile` profiles the CLI and the server on the bench's inputs.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildPrograms, buildShipped, ensurePeers, requireDebianTools, warmCodeCaches } from './build';
import { measureIndexing, measureStartup, shippedSizes, type IndexingRun, type StartupRun } from './footprint';
import { latencyCases, longFileCase, measureEdits, summarize, type EditTimes, type LatencyCase } from './latency';
import type { ServerSpec } from './lsp-session';
import { BENCH_DIR, OUT_DIR } from './paths';
import { machineInfo, peerVersions } from './machine';
import { runMeasured } from './process';
import { profile } from './profile';
import { writeReport } from './report';
import { type Results } from './results';
import { measureScaling } from './scaling';
import { bashLanguageServer, dockerfileLanguageServer, ourServer } from './servers';
import { interleaved, spreads } from './stats';
import { measureThroughput } from './throughput';
import { CORPUS_DIR } from '../test/support/paths';
import { ratiosOf, targetsOf } from './targets';

export interface Plan {
  mode: 'quick' | 'full';
  /** Edits per latency session; the bash server's 500 ms debounce makes its edits the slowest. */
  edits: number;
  slowServerEdits: number;
  /** Sessions per latency case and server, runs per CLI tool, start-ups, indexings. */
  repetitions: number;
  /** Files of each kind in the per-kind throughput groups. */
  filesPerKind: number;
  scalingSizes: number[];
}

const PLANS: Record<Plan['mode'], Plan> = {
  full: { mode: 'full', edits: 50, slowServerEdits: 50, repetitions: 3, filesPerKind: Infinity, scalingSizes: [100, 1000, 10000] },
  quick: { mode: 'quick', edits: 8, slowServerEdits: 3, repetitions: 1, filesPerKind: 15, scalingSizes: [100, 500] },
};

const RESULTS_FILE = path.join(BENCH_DIR, 'results.json');
/** A quick run's figures are kept out of git, for a look at more than the printed ratios. */
const QUICK_RESULTS_FILE = path.join(OUT_DIR, 'results-quick.json');
const progress = (line: string) => process.stderr.write(`bench: ${line}\n`);

async function measure(plan: Plan): Promise<Results> {
  const started = Date.now();
  const section = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
    const at = Date.now();
    const result = await run();
    progress(`${name} took ${Math.round((Date.now() - at) / 1000)} s`);
    return result;
  };
  requireDebianTools();
  ensurePeers(progress);
  await section('building', async () => {
    buildShipped(progress);
    await buildPrograms();
    await warmCodeCaches((argv) => runMeasured('warm-up', argv));
  });
  const loadBefore = os.loadavg();

  const latency = await section('latency', async () => {
    const rows: Results['latency'] = [];
    for (const c of latencyCases()) rows.push(...(await latencyRows(c, plan)));
    return rows;
  });
  const blocking = await section('the 5,000-line Dockerfile', () => latencyRows(longFileCase(), { ...plan, edits: Math.min(plan.edits, 20) }, true));

  const throughput = await section('throughput', () => measureThroughput(plan.repetitions, plan.filesPerKind, progress));

  const servers = [ourServer(), dockerfileLanguageServer];
  const startupRuns = await section('start-up', () => interleaved(servers, Math.max(plan.repetitions, plan.mode === 'full' ? 5 : 1), measureStartup));
  const startup = Object.fromEntries(servers.map((s, i) => [s.name, spreads<keyof StartupRun>(startupRuns[i])]));
  progress(`start-up: ${JSON.stringify(Object.fromEntries(Object.entries(startup).map(([k, v]) => [k, Math.round(v.firstDiagnosticsMs.median)])))} ms`);
  const [corpusRuns] = await section('indexing the corpus', () => interleaved([ourServer()], plan.repetitions, (s) => measureIndexing(s, CORPUS_DIR)));
  const corpusIndexing = spreads<keyof IndexingRun>(corpusRuns);
  progress(`corpus indexing: ${Math.round(corpusIndexing.indexingMs.median)} ms, ${Math.round(corpusIndexing.rssMb.median)} MB`);

  const scaling = await section('scaling', () => measureScaling(plan.scalingSizes, plan.repetitions, progress));

  const results: Results = {
    mode: plan.mode,
    date: new Date().toISOString().slice(0, 10),
    durationS: Math.round((Date.now() - started) / 1000),
    machine: { ...machineInfo(), loadBefore, loadAfter: os.loadavg() },
    peers: peerVersions(),
    plan: { ...plan, filesPerKind: Number.isFinite(plan.filesPerKind) ? plan.filesPerKind : null },
    latency,
    blocking,
    throughput,
    startup,
    corpusIndexing,
    sizes: shippedSizes(),
    scaling,
    targets: [],
  };
  results.targets = targetsOf(results);
  return results;
}

/** The case measured with ours (cross-file work included) and with its peer, sessions interleaved. */
async function latencyRows(c: LatencyCase, plan: Plan, watchBlocking = false): Promise<Results['latency']> {
  const servers: ServerSpec[] = [ourServer(), ...(c.peer ? [c.peer] : [])];
  const sessions = await interleaved(servers, plan.repetitions, (s) => {
    const edits = s === bashLanguageServer ? plan.slowServerEdits : plan.edits;
    return measureEdits(s, c, { edits, crossFile: s === servers[0], watchBlocking });
  });
  return servers.map((s, i) => {
    const runs: EditTimes[] = sessions[i];
    const row = {
      case: c.id,
      title: c.title,
      server: s.name,
      edits: runs[0].file.length,
      file: summarize(runs, 'file'),
      all: summarize(runs, 'all'),
      crossFile: c.crossFile && s === servers[0] ? summarize(runs, 'crossFile') : undefined,
      filesPerEdit: Math.max(...runs.flatMap((r) => r.filesPerEdit)),
    };
    progress(`latency ${c.id} ${s.name}: p50 ${row.all.p50.median.toFixed(1)} p95 ${row.all.p95.median.toFixed(1)} max ${row.all.max.median.toFixed(1)} ms${watchBlocking ? `, longest block ${row.all.longestBlock.median.toFixed(0)} ms` : ''}`);
    return row;
  });
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--report')) {
    writeReport(JSON.parse(fs.readFileSync(RESULTS_FILE, 'utf8')) as Results);
    return;
  }
  if (args.includes('--profile')) {
    requireDebianTools();
    await profile((text) => process.stdout.write(text + '\n'));
    return;
  }
  const plan = PLANS[args.includes('--quick') ? 'quick' : 'full'];
  const results = await measure(plan);
  if (plan.mode === 'full') {
    fs.writeFileSync(RESULTS_FILE, JSON.stringify(results, null, 2) + '\n');
    writeReport(results);
  } else {
    fs.writeFileSync(QUICK_RESULTS_FILE, JSON.stringify(results, null, 2) + '\n');
  }
  process.stdout.write(JSON.stringify(summaryOf(results)) + '\n');
}

/** The one JSON object printed at the end: the ratios and whether each target is met. */
function summaryOf(results: Results): object {
  return {
    mode: results.mode,
    ...(results.mode === 'quick' && { note: `${results.plan.filesPerKind} files per kind and ${results.plan.edits} edits: Node start-up dominates the CLI ratios and p95 is the slowest edit; npm run bench measures the full set` }),
    durationS: results.durationS,
    targets: Object.fromEntries(results.targets.map((t) => [t.id, { value: round(t.value), target: t.target, met: t.met }])),
    ratios: Object.fromEntries(Object.entries(ratiosOf(results)).map(([k, v]) => [k, round(v)])),
  };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

main().catch((e) => {
  process.stderr.write(`bench: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
