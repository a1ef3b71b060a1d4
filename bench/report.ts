// docs/benchmarks.md and its charts, written from one full run. Only the part between the
// generated-block markers is rewritten: the findings below it are written by people.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../test/support/paths';
import { barChart, type BarGroup, type BarKind } from './chart';
import type { LatencyRow, Results } from './results';
import { ratio, type Spread } from './stats';
import { ratiosOf } from './targets';
import { FLOOR, OUR_CLI } from './throughput';
import { OUR_SERVER as OURS } from './servers';

const REPORT = path.join(REPO_ROOT, 'docs/benchmarks.md');
const IMAGES = path.join(REPO_ROOT, 'docs/images');
const BEGIN = '<!-- bench:generated:begin (npm run bench rewrites this part) -->';
const END = '<!-- bench:generated:end -->';

/** A spread of milliseconds in seconds. */
function seconds(s: Spread): Spread {
  return { ...s, median: s.median / 1000, min: s.min / 1000, max: s.max / 1000 };
}

/** "median (min–max)", or the median alone for a single run. */
function fmt(s: Spread | undefined, digits = 1): string {
  if (!s || !Number.isFinite(s.median)) return 'n/a';
  const f = (n: number) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return s.runs > 1 ? `${f(s.median)} (${f(s.min)}–${f(s.max)})` : f(s.median);
}

function times(n: number): string {
  return Number.isFinite(n) ? `${n >= 10 ? n.toFixed(0) : n.toFixed(2)}×` : 'n/a';
}

function table(header: string[], rows: string[][]): string {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

function machineSection(r: Results): string {
  const m = r.machine;
  return [
    '## Machine and peers',
    '',
    table(
      ['', ''],
      [
        ['CPU', `${m.cpu}, ${m.cores} cores`],
        ['memory', `${m.memoryGb} GB`],
        ['system', `${m.os}, Node ${m.node}`],
        ['load average (1 min) before / after', `${m.loadBefore[0].toFixed(1)} / ${m.loadAfter[0].toFixed(1)}`],
        ['run', `${r.date}, ${Math.round(r.durationS / 60)} min, ${r.plan.repetitions} repetitions of everything`],
      ],
    ),
    '',
    table(['peer', 'version'], Object.entries(r.peers).map(([name, version]) => [name, version])),
  ].join('\n');
}

function targetsSection(r: Results): string {
  return [
    '## Targets',
    '',
    table(
      ['target', 'figure', 'bound', 'met'],
      r.targets.map((t) => [t.what, Number.isFinite(t.value) ? t.value.toFixed(t.value >= 10 ? 0 : 2) : 'n/a', t.target, t.met ? 'yes' : '**no**']),
    ),
  ].join('\n');
}

function latencyTable(rows: readonly LatencyRow[], withBlock: boolean): string {
  const header = ['case', 'server', 'p50 ms', 'p95 ms', 'max ms', 'files published per edit'];
  if (withBlock) header.push('longest block ms');
  return table(
    header,
    rows.map((row) => {
      const cells = [row.title, row.server === OURS ? `**${OURS}**` : row.server, fmt(row.all.p50), fmt(row.all.p95), fmt(row.all.max), String(row.filesPerEdit)];
      if (withBlock) cells.push(fmt(row.all.longestBlock, 0));
      return cells;
    }),
  );
}

function latencySection(r: Results): string {
  const crossFile = r.latency.filter((row) => row.crossFile);
  const peerRatios = Object.entries(ratiosOf(r)).filter(([k]) => k.startsWith('latency'));
  return [
    '## 1. Edit-to-diagnostics latency over LSP stdio',
    '',
    `Each session starts the server on the case's folder, opens the file, then types ${r.plan.edits} characters one at a time at the end of a line in the middle of the file (${r.plan.slowServerEdits} for bash-language-server, whose 500 ms debounce makes each edit take over half a second); the next edit is sent once the diagnostics of the last one have arrived and 25 ms have passed with nothing published. The time of an edit runs from sending \`didChange\` to receiving the \`publishDiagnostics\` for that version (the first publish after the edit, for servers that send no version); for ours, to the last publish the edit caused, so the re-published dependent files (the compose file that builds the Dockerfile) are included. p50/p95/max are per session; the table gives their median over ${r.plan.repetitions} sessions with the range.`,
    '',
    latencyTable(r.latency, false),
    '',
    crossFile.length
      ? `Cross-file: editing the tobs Dockerfile with docker-compose.yml open beside it, the compose file's diagnostics are re-published p50 ${fmt(crossFile[0].crossFile?.p50)} ms, p95 ${fmt(crossFile[0].crossFile?.p95)} ms, max ${fmt(crossFile[0].crossFile?.max)} ms after the edit.`
      : '',
    '',
    'Peer ÷ ours, p95, same run: ' + peerRatios.map(([k, v]) => `${k.replace(/^latency-p95 /, '').replace(/ ÷ tobs$/, '')} ${times(v)}`).join('; ') + '.',
    '',
    `**A 5,000-line Dockerfile** (corpus Dockerfiles end to end): while it is edited, a request the server cannot know is kept in flight; its longest round trip is the longest time the server could not answer anything.`,
    '',
    latencyTable(r.blocking, true),
    '',
    '![p95 edit-to-diagnostics latency](images/bench-latency.svg)',
  ].join('\n');
}

function throughputSection(r: Results): string {
  const parts = [
    '## 2. Batch throughput (CLI)',
    '',
    'Whole-process wall time from spawn to exit with the report written to a file, files per second (from the wall time), CPU time (user + system, which other work on the machine disturbs less) and peak resident memory (GNU time; for a process per file, the sum of the times and the largest peak). Every tool gets exactly the files the CLI lints: the corpus kinds are copied to a folder each, and the peers are handed the list (the dockerfile-utils CLI, a Node process per file, gets every n-th of them, so rows compare by time per file). The floor reads and parses the same files with the same parsers and runs no rules, in a bundle built like the CLI and run the same way (through the V8 code cache, which a run over the corpus writes for both before anything is measured). Runs interleave the tools.',
  ];
  for (const group of r.throughput) {
    const ours = group.rows.find((row) => row.tool === OUR_CLI)!;
    parts.push(
      '',
      `**${group.title}**`,
      '',
      table(
        ['tool', 'how', 'files', 'wall s', 'files/s', 'CPU s', 'peak RSS MB', 'wall per file ÷ tobs-lint', 'CPU per file ÷ tobs-lint'],
        group.rows.map((row) => [
          row.tool === OUR_CLI ? `**${OUR_CLI}**` : row.tool,
          row.how,
          String(row.files),
          fmt(seconds(row.wallMs), 2),
          fmt(row.filesPerSecond, 0),
          fmt(seconds(row.cpuMs), 2),
          fmt(row.peakRssMb, 0),
          times(ratio(row.wallMs.median / row.files, ours.wallMs.median / ours.files)),
          times(ratio(row.cpuMs.median / row.files, ours.cpuMs.median / ours.files)),
        ]),
      ),
    );
  }
  parts.push('', '![files per second](images/bench-throughput.svg)');
  return parts.join('\n');
}

function footprintSection(r: Results): string {
  const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
  return [
    '## 3. Start-up and footprint',
    '',
    'Start-up: spawn to the first diagnostics of the tobs Dockerfile, opened right after the initialize handshake, with the tobs example as the workspace.',
    '',
    table(
      ['server', 'first diagnostics ms', 'RSS then MB'],
      Object.entries(r.startup).map(([name, s]) => [name === OURS ? `**${OURS}**` : name, fmt(s.firstDiagnosticsMs, 0), fmt(s.rssMb, 0)]),
    ),
    '',
    `Indexing the whole corpus as a workspace (${fmt(r.corpusIndexing.filesPublished, 0)} files published): ${fmt(r.corpusIndexing.indexingMs, 0)} ms from \`initialized\` to the last publish; resident memory then ${fmt(r.corpusIndexing.rssMb, 0)} MB, peak ${fmt(r.corpusIndexing.peakRssMb, 0)} MB.`,
    '',
    table(['what ships', 'size'], [...Object.entries(r.sizes.bundles).map(([name, size]) => [`dist/${name} (minified, as \`npm run package\` builds it)`, kb(size)]), ['the .vsix', kb(r.sizes.vsix)]]),
  ].join('\n');
}

function scalingSection(r: Results): string {
  const s = r.scaling;
  return [
    '## 4. Scaling',
    '',
    'Synthetic workspaces of corpus copies (copy k of the corpus in `copy-k/`, paths kept). CLI: `tobs-lint --format json <folder>`; server: `initialized` to the last publish of the indexing, with `tobs.maxFiles` raised above the largest size; its CPU time is read from /proc.',
    '',
    table(
      ['files', 'CLI wall s', 'CLI ms per file', 'CLI CPU s', 'CLI peak RSS MB', 'server indexing s', 'indexing ms per file', 'server CPU s', 'server RSS MB'],
      s.points.map((p) => [
        p.files.toLocaleString('en-US'),
        fmt(seconds(p.cliMs), 2),
        (p.cliMs.median / p.files).toFixed(2),
        fmt(seconds(p.cliCpuMs), 2),
        fmt(p.cliPeakRssMb, 0),
        fmt(seconds(p.indexingMs), 2),
        (p.indexingMs.median / p.files).toFixed(2),
        fmt(seconds(p.indexingCpuMs), 2),
        fmt(p.serverRssMb, 0),
      ]),
    ),
    '',
    `Growth exponent (time ∝ files^k) between the two largest sizes, 1 being linear: CLI k = ${s.cliExponent.toFixed(2)} (CPU time: ${s.cliCpuExponent.toFixed(2)}), server indexing k = ${s.indexingExponent.toFixed(2)} (CPU time, start-up included: ${s.indexingCpuExponent.toFixed(2)}).`,
  ].join('\n');
}

const REPRODUCE = [
  '## How to reproduce',
  '',
  '```sh',
  'apt-get install -y shellcheck time   # the Debian peer, and GNU time for peak memory',
  'npm ci',
  'npm run bench              # everything, about a quarter of an hour; rewrites this page and bench/results.json',
  'npm run bench -- --quick   # a reduced set in about a minute; prints one JSON object with the ratios',
  'npm run bench -- --report  # this page again from bench/results.json',
  'npm run bench -- --profile # CPU profiles of the CLI and the server on these inputs, busiest functions by source file',
  '```',
  '',
  'The peers come from `bench/package-lock.json` (exact versions), installed into `bench/node_modules` by the bench itself; the product is built with `npm run package` and the bundles measured are those it ships. The corpus is `../shared/corpus` next to the repository (`TOBS_SHARED_DIR` moves it). Other work on the machine slows everything measured alike; the ratios, taken in one run with the tools interleaved, hold up better than the absolute figures.',
].join('\n');

function latencyChart(r: Results): string {
  const groups: BarGroup[] = [...r.latency, ...r.blocking]
    .reduce<BarGroup[]>((acc, row) => {
      let group = acc.find((g) => g.label === row.title);
      if (!group) acc.push((group = { label: row.title, bars: [] }));
      group.bars.push({ label: row.server, value: row.all.p95.median, kind: row.server === OURS ? 'ours' : 'peer' });
      return acc;
    }, []);
  return barChart('p95 edit-to-diagnostics', 'ms, lower is better', `npm run bench, ${r.date}; medians of ${r.plan.repetitions} sessions`, groups);
}

function throughputChart(r: Results): string {
  const kindOf = (tool: string): BarKind => (tool === OUR_CLI ? 'ours' : tool === FLOOR ? 'floor' : 'peer');
  const groups: BarGroup[] = r.throughput.map((g) => ({ label: g.title, bars: g.rows.map((row) => ({ label: row.tool, value: row.filesPerSecond.median, kind: kindOf(row.tool) })) }));
  return barChart('CLI throughput', 'files per second, higher is better', `npm run bench, ${r.date}; medians of ${r.plan.repetitions} runs`, groups);
}

export function writeReport(r: Results): void {
  const generated = [
    BEGIN,
    '',
    `Measured by \`npm run bench\` on ${r.date}: tobs DevKit against the tools users would otherwise run, side by side in one run, on the same inputs. Every figure is the median of ${r.plan.repetitions} runs with the smallest and largest in brackets; every comparison is a ratio of two figures from this run.`,
    '',
    machineSection(r),
    '',
    targetsSection(r),
    '',
    latencySection(r),
    '',
    throughputSection(r),
    '',
    footprintSection(r),
    '',
    scalingSection(r),
    '',
    REPRODUCE,
    '',
    END,
  ].join('\n');
  const existing = fs.existsSync(REPORT) ? fs.readFileSync(REPORT, 'utf8') : `# Benchmarks\n\n${BEGIN}\n${END}\n`;
  const start = existing.indexOf(BEGIN);
  const end = existing.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${REPORT}: the generated-block markers are missing`);
  fs.writeFileSync(REPORT, existing.slice(0, start) + generated + existing.slice(end + END.length));
  fs.mkdirSync(IMAGES, { recursive: true });
  fs.writeFileSync(path.join(IMAGES, 'bench-latency.svg'), latencyChart(r));
  fs.writeFileSync(path.join(IMAGES, 'bench-throughput.svg'), throughputChart(r));
}
