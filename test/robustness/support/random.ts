// Seeded randomness for the robustness suites: every case is reproducible from (seed, case index),
// and the bounded CI run and the long on-demand run differ only in counts set through env vars.

/** mulberry32: small, fast, good enough to pick mutations; not for anything cryptographic. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  chance(p: number): boolean {
    return this.next() < p;
  }
}

/** The generator of case `index` under `seed`: a case can be replayed alone. */
export function caseRng(seed: number, index: number): Rng {
  return new Rng(Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35));
}

/** `n` distinct items chosen by `rng`, in their original order; all of them when n >= length. */
export function sampleOf<T>(items: readonly T[], n: number, rng: Rng): T[] {
  if (n >= items.length) return [...items];
  const indices = items.map((_, i) => i);
  for (let i = 0; i < n; i++) {
    const j = i + rng.int(indices.length - i);
    [indices[i], indices[j]] = [indices[j], indices[i]];
  }
  return indices
    .slice(0, n)
    .sort((a, b) => a - b)
    .map((i) => items[i]);
}

export const DEFAULT_SEED = 20_240_601;

/** The seed of this run: TOBS_FUZZ_SEED, or a fixed default so that CI runs are reproducible. */
export function fuzzSeed(): number {
  return envInteger('TOBS_FUZZ_SEED', DEFAULT_SEED);
}

/** A non-negative integer from the environment, or `fallback` when unset. */
export function envInteger(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new Error(`${name} must be a non-negative integer, got ${raw}`);
  return Number(raw);
}
