// The mutation fuzzer: real files (the corpus, the tobs sets) damaged by 1–3 random mutations,
// then linted, every fix computed and checked, sometimes fixed all the way. The engine must not
// throw, must not report an internal rule error, and must stay within its per-file time budget.
//
// CI runs DEFAULT_CASES cases from a fixed seed. Long run:
//   TOBS_FUZZ=full TOBS_FUZZ_SEED=$RANDOM npx mocha test/robustness/mutation-fuzz.test.ts
// TOBS_FUZZ_CASES overrides the number of cases in either mode; TOBS_FUZZ_VERBOSE=1 reports progress.
// Replay one case: TOBS_FUZZ_SEED=<seed> TOBS_FUZZ_CASE=<index> npx mocha test/robustness/mutation-fuzz.test.ts

import * as assert from 'node:assert/strict';
import { defaultConfig, type Config, type HostFacts } from '../../server/src/engine/index';
import { corpusIsAvailable } from './support/corpus';
import { checkEngine, type Defect } from './support/engine-check';
import { mutate } from './support/mutations';
import { caseRng, envInteger, fuzzSeed, type Rng } from './support/random';
import { corpusSeeds, languageOf, snapshotOf, tobsSeeds, type Seed } from './support/seeds';

const DEFAULT_CASES = 500;
const FULL_CASES = 20_000;
/** With TOBS_FUZZ_VERBOSE, cases slower than this are named (fix checks re-validate the file per fix). */
const SLOW_CASE_MS = 10_000;
/** Share of cases that start from a whole tobs set rather than one corpus file. */
const TOBS_SHARE = 0.25;

function randomHost(rng: Rng): HostFacts {
  return {
    engine: rng.pick([undefined, 'podman', 'docker'] as const),
    renderGid: rng.pick([undefined, 0, 109, 993, 4294967295]),
  };
}

interface FuzzCase {
  index: number;
  seed: Seed;
  mutatedUri: string;
  mutations: string[];
}

function buildCase(index: number, rng: Rng, corpus: Seed[], tobs: Seed[]): { fuzzCase: FuzzCase; mutated: Seed; config: Config; fixAll: boolean } {
  const seed = rng.chance(TOBS_SHARE) ? rng.pick(tobs) : rng.pick(corpus);
  const linted = seed.files.filter((f) => languageOf(f));
  const target = rng.pick(linted.length ? linted : seed.files);
  const { text, applied } = mutate(target.text, rng, languageOf(target));
  const mutated = { name: seed.name, files: seed.files.map((f) => (f === target ? { uri: f.uri, text } : f)) };
  const config = defaultConfig(randomHost(rng));
  return { fuzzCase: { index, seed, mutatedUri: target.uri, mutations: applied }, mutated, config, fixAll: rng.chance(0.2) };
}

describe('mutation fuzzer (engine)', function () {
  this.timeout(0);
  const seed = fuzzSeed();
  const only = process.env.TOBS_FUZZ_CASE;
  const full = process.env.TOBS_FUZZ === 'full';
  const verbose = !!process.env.TOBS_FUZZ_VERBOSE;
  const log = (line: string) => process.stderr.write(`      ${line}\n`);
  const cases = envInteger('TOBS_FUZZ_CASES', full ? FULL_CASES : DEFAULT_CASES);

  before(function () {
    if (!corpusIsAvailable()) this.skip();
  });

  it(`survives ${only !== undefined ? `case ${only}` : `${cases} mutated files`} (seed ${seed})`, () => {
    const corpus = corpusSeeds();
    const tobs = tobsSeeds();
    const failures: { fuzzCase: FuzzCase; defect: Defect }[] = [];
    const indices = only !== undefined ? [envInteger('TOBS_FUZZ_CASE', 0)] : Array.from({ length: cases }, (_, i) => i);
    const byMutation = new Map<string, number>();
    for (const index of indices) {
      const { fuzzCase, mutated, config, fixAll } = buildCase(index, caseRng(seed, index), corpus, tobs);
      for (const m of fuzzCase.mutations) byMutation.set(m, (byMutation.get(m) ?? 0) + 1);
      const started = Date.now();
      const report = checkEngine(snapshotOf(mutated), config, { fixes: true, fixAll });
      for (const defect of report.defects) failures.push({ fuzzCase, defect });
      if (verbose && Date.now() - started > SLOW_CASE_MS) log(`case ${index} took ${Date.now() - started} ms (${fuzzCase.seed.name}, ${fuzzCase.mutations.join(' + ')}, ${report.findings.length} findings)`);
      if (verbose && index % 100 === 99) log(`${index + 1} cases, ${failures.length} defects, heap ${Math.round(process.memoryUsage().heapUsed / 2 ** 20)} MB`);
    }
    if (verbose) log(`mutations applied: ${JSON.stringify(Object.fromEntries(byMutation))}`);
    assert.deepEqual(
      failures.slice(0, 20).map(({ fuzzCase, defect }) => `TOBS_FUZZ_SEED=${seed} TOBS_FUZZ_CASE=${fuzzCase.index}: ${fuzzCase.seed.name} (${fuzzCase.mutations.join(' + ')}) → ${defect.kind} ${defect.rule ?? ''} ${defect.detail}`),
      [],
      `${failures.length} defects`,
    );
  });
});
