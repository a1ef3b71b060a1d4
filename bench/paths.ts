// Where the benchmark finds and puts things, all relative to the repository.

import * as path from 'node:path';
import { REPO_ROOT } from '../test/support/paths';

export const BENCH_DIR = path.join(REPO_ROOT, 'bench');
/** The peers, from bench/package-lock.json. */
export const PEERS_DIR = path.join(BENCH_DIR, 'node_modules');
/** Generated inputs, builds and raw output; git ignores every `out/` folder. */
export const OUT_DIR = path.join(BENCH_DIR, 'out');
/** The shipped bundles, copied here so that other builds of dist/ during a run change nothing. */
export const SHIPPED_DIR = path.join(OUT_DIR, 'dist');
export const VSIX = path.join(OUT_DIR, 'tobs-devkit.vsix');
/** The bench's own helper programs (bench/programs), bundled. */
export const PROGRAMS_DIR = path.join(OUT_DIR, 'programs');
