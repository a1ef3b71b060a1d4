// The targets, checked against one run's figures; every comparison is a ratio of two
// figures from that same run.

import type { LatencyRow, Results } from './results';
import { dockerfileLanguageServer, OUR_SERVER as OURS } from './servers';
import { ratio } from './stats';
import { FLOOR, OUR_CLI } from './throughput';

export interface Target {
  id: string;
  what: string;
  value: number;
  /** The bound, e.g. "≤ 0.5". */
  target: string;
  met: boolean;
}


function latencyRow(rows: readonly LatencyRow[], caseId: string, server: string): LatencyRow | undefined {
  return rows.find((r) => r.case === caseId && r.server === server);
}

/** Seconds per file from the median wall time: tools measured on a sample compare fairly. */
function secondsPerFile(results: Results, group: string, tool: string): number {
  const row = results.throughput.find((g) => g.id === group)?.rows.find((r) => r.tool === tool);
  return row ? row.wallMs.median / 1000 / row.files : NaN;
}

const atMost = (id: string, what: string, value: number, bound: number): Target => ({ id, what, value, target: `≤ ${bound}`, met: value <= bound });
const atLeast = (id: string, what: string, value: number, bound: number): Target => ({ id, what, value, target: `≥ ${bound}`, met: value >= bound });
const below = (id: string, what: string, value: number, bound: number): Target => ({ id, what, value, target: `< ${bound}`, met: value < bound });

/** Ours against the Dockerfile language server, p95 over p95: ours with its cross-file work, the peer with what it publishes. */
function p95Ratio(results: Results, caseId: string): number {
  const ours = latencyRow(results.latency, caseId, OURS);
  const peer = latencyRow(results.latency, caseId, dockerfileLanguageServer.name);
  return ours && peer ? ratio(ours.all.p95.median, peer.all.p95.median) : NaN;
}

export function targetsOf(results: Results): Target[] {
  const tobsRows = results.latency.filter((r) => r.case.startsWith('tobs-') && r.server === OURS);
  const tobsP95 = Math.max(...tobsRows.flatMap((r) => [r.all.p95.median, r.crossFile?.p95.median ?? 0]));
  const block = latencyRow(results.blocking, 'dockerfile-5000', OURS)?.all.longestBlock.max ?? NaN;
  const points = results.scaling.points;
  const scaled = `${points.at(-2)?.files}→${points.at(-1)?.files} files`;
  return [
    atMost('latency-2000-lines', 'p95 edit-to-diagnostics on the 2,000-line Dockerfile, ours (cross-file work included) ÷ the Dockerfile language server', p95Ratio(results, 'dockerfile-2000'), 0.5),
    atMost('latency-60-lines', 'the same on the 60-line Dockerfile', p95Ratio(results, 'dockerfile-60'), 1),
    below('latency-tobs-ms', 'p95 edit-to-diagnostics on the tobs files, cross-file re-publish included (worst file), ms', tobsP95, 20),
    atMost('block-5000-lines-ms', 'longest time the server did not answer while a 5,000-line Dockerfile was edited (worst session), ms', block, 200),
    atMost('cli-vs-floor', 'CLI over the whole corpus ÷ reading and parsing it with no rules (wall time)', ratio(secondsPerFile(results, 'corpus', OUR_CLI), secondsPerFile(results, 'corpus', FLOOR)), 2),
    atLeast('cli-vs-dclint', 'dclint ÷ CLI on the compose files (wall time per file)', ratio(secondsPerFile(results, 'compose', 'dclint'), secondsPerFile(results, 'compose', OUR_CLI)), 50),
    atLeast('cli-vs-shellcheck', 'shellcheck ÷ CLI on the scripts (wall time per file)', ratio(secondsPerFile(results, 'shell', 'shellcheck'), secondsPerFile(results, 'shell', OUR_CLI)), 10),
    atLeast('cli-vs-dockerfile-utils', 'dockerfile-utils lint (a process per file) ÷ CLI on the Dockerfiles (wall time per file)', ratio(secondsPerFile(results, 'dockerfile', 'dockerfile-utils'), secondsPerFile(results, 'dockerfile', OUR_CLI)), 1),
    atLeast('cli-vs-dockerfile-utils-validate', "dockerfile-utils' validate() in one process ÷ CLI on the Dockerfiles (wall time per file)", ratio(secondsPerFile(results, 'dockerfile', 'dockerfile-utils validate()'), secondsPerFile(results, 'dockerfile', OUR_CLI)), 1),
    below('server-rss-corpus-mb', 'server resident memory after indexing the corpus as a workspace, MB', results.corpusIndexing.rssMb.median, 100),
    below('vsix-mb', 'size of the .vsix, MB', results.sizes.vsix / 2 ** 20, 3),
    atMost('scaling-cli-exponent', `CLI wall time growth exponent, ${scaled} (1 = linear; 0.1 allowed for noise)`, results.scaling.cliExponent, 1.1),
    atMost('scaling-indexing-exponent', `server indexing time growth exponent, ${scaled}`, results.scaling.indexingExponent, 1.1),
  ];
}

/** Every peer ÷ ours of the run (above 1: ours is faster or smaller). */
export function ratiosOf(results: Results): Record<string, number> {
  const out: Record<string, number> = {};
  for (const row of results.latency) {
    if (row.server === OURS) continue;
    const ours = latencyRow(results.latency, row.case, OURS)!;
    out[`latency-p95 ${row.case}: ${row.server} ÷ ${OURS}`] = ratio(row.all.p95.median, ours.all.p95.median);
  }
  for (const group of results.throughput) {
    const ours = secondsPerFile(results, group.id, OUR_CLI);
    for (const row of group.rows) if (row.tool !== OUR_CLI) out[`cli-wall-per-file ${group.id}: ${row.tool} ÷ ${OUR_CLI}`] = ratio(secondsPerFile(results, group.id, row.tool), ours);
  }
  const startup = results.startup;
  const peer = dockerfileLanguageServer.name;
  out[`startup: ${peer} ÷ ${OURS}`] = ratio(startup[peer]?.firstDiagnosticsMs.median, startup[OURS]?.firstDiagnosticsMs.median);
  return out;
}
