// Summaries of repeated measurements: every figure in the report is the median of its runs with
// the smallest and largest run beside it.

export interface Spread {
  median: number;
  min: number;
  max: number;
  runs: number;
}

/** The q-quantile (0..1) of `values` by the nearest-rank method, as latency reports use it. */
export function quantile(values: readonly number[], q: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil(q * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function spread(values: readonly number[]): Spread {
  if (!values.length) return { median: NaN, min: NaN, max: NaN, runs: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1], runs: sorted.length };
}

/** The spread of each named figure over runs that each produced one value per name. */
export function spreads<K extends string>(runs: readonly Record<K, number>[]): Record<K, Spread> {
  const out = {} as Record<K, Spread>;
  if (!runs.length) return out;
  for (const key of Object.keys(runs[0]) as K[]) out[key] = spread(runs.map((r) => r[key]));
  return out;
}

/**
 * Runs `measure` on each item in turn, `repetitions` rounds, so that a busy moment of the machine
 * falls on all items alike; returns each item's runs in item order.
 */
export async function interleaved<I, T>(items: readonly I[], repetitions: number, measure: (item: I) => Promise<T>): Promise<T[][]> {
  const runs = items.map((): T[] => []);
  for (let r = 0; r < repetitions; r++) for (const [i, item] of items.entries()) runs[i].push(await measure(item));
  return runs;
}

/** How many times `peer` is `ours` (above 1: ours is faster or smaller); NaN when unknown. */
export function ratio(peer: number, ours: number): number {
  return ours > 0 && Number.isFinite(peer) ? peer / ours : NaN;
}

/**
 * The exponent k in time ∝ files^k between the two largest sizes, where fixed costs (process
 * start) weigh least: 1 = linear, below 1 = better than linear.
 */
export function growthExponent(points: readonly { files: number; value: number }[]): number {
  if (points.length < 2) return NaN;
  const [first, last] = points.slice(-2);
  return Math.log(last.value / first.value) / Math.log(last.files / first.files);
}
