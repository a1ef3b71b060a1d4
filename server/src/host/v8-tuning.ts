// How soon V8 optimises a function, in the CLI and in the language server.

import { setFlagsFromString } from 'node:v8';

/**
 * V8 optimises a function once it has run bytecode worth its interrupt budget (66 KB by default).
 * Both processes do many small jobs: a CLI run lasts a fraction of a second, an edit of a small
 * file takes a millisecond or two. Functions optimised that early are compiled on the second of
 * two cores, often deoptimised, and barely used afterwards; typing into a small Dockerfile ran
 * into those compilations at the same edits in every session (p95 5 ms against a p50 of 2). With
 * a budget 7.5 times larger only what stays hot is optimised: in interleaved runs the CLI took
 * 108 scripts in 155 instead of 174 ms and the whole corpus in 716 instead of 881 ms; the
 * server indexed the corpus in 650 instead of 930 ms and its p95 while typing into a 60-line
 * Dockerfile went from 5.1 to 4.3 ms, 2,000 lines unchanged. `--no-opt` gained as much on short
 * jobs but doubled 10,000 files. Measurements: docs/benchmarks.md, "Third session".
 */
const INTERRUPT_BUDGET_FLAG = '--interrupt-budget=500000';

/** First thing in a process: V8 gives a function its budget when it first allocates its feedback. */
export function raiseInterruptBudget(): void {
  setFlagsFromString(INTERRUPT_BUDGET_FLAG);
}
