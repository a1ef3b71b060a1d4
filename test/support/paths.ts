import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '../..');
/** The shared folder next to the repository: scenario, corpus, notes. */
export const SHARED_DIR = process.env.TOBS_SHARED_DIR ?? path.resolve(REPO_ROOT, '../shared');
export const SCENARIO_DIR = path.join(SHARED_DIR, 'scenario');
export const CORPUS_DIR = path.join(SHARED_DIR, 'corpus');
export const EXAMPLE_DIR = path.join(REPO_ROOT, 'examples/tobs');
