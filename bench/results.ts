// What one run of the benchmark found; bench/results.json holds the last full run, and the report
// is written from it.

import type { IndexingRun, Sizes, StartupRun } from './footprint';
import type { LatencySummary } from './latency';
import type { Machine } from './machine';
import type { Scaling } from './scaling';
import type { Spread } from './stats';
import type { Target } from './targets';
import type { ThroughputGroup } from './throughput';

export interface LatencyRow {
  case: string;
  title: string;
  server: string;
  /** Edits per session. */
  edits: number;
  /** Edit to the edited file's diagnostics. */
  file: LatencySummary;
  /** Edit to the last publish it caused (ours: the dependent files' re-publish included). */
  all: LatencySummary;
  /** Edit to the re-publish of the case's cross file (ours, where the case has one). */
  crossFile?: LatencySummary;
  /** The most files published after one edit. */
  filesPerEdit: number;
}

export interface Results {
  mode: 'quick' | 'full';
  date: string;
  durationS: number;
  machine: Machine & { loadBefore: number[]; loadAfter: number[] };
  peers: Record<string, string>;
  plan: { edits: number; slowServerEdits: number; repetitions: number; filesPerKind: number | null; scalingSizes: number[] };
  latency: LatencyRow[];
  /** The 5,000-line Dockerfile, with the longest time the server could not answer. */
  blocking: LatencyRow[];
  throughput: ThroughputGroup[];
  startup: Record<string, Record<keyof StartupRun, Spread>>;
  corpusIndexing: Record<keyof IndexingRun, Spread>;
  sizes: Sizes;
  scaling: Scaling;
  targets: Target[];
}
