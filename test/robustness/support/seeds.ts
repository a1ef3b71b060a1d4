// The inputs the fuzzers start from: every corpus file alone, and the tobs sets (before, after,
// the example) as whole workspaces so that cross-file rules run on damaged input too.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { classify, Snapshot, type Language, type SnapshotFile } from '../../../server/src/engine/index';
import { EXAMPLE_DIR, SCENARIO_DIR } from '../../support/paths';
import { loadCorpus } from './corpus';

export interface Seed {
  /** Where the seed comes from, for failure messages. */
  name: string;
  files: SnapshotFile[];
}

function readSet(name: string, dir: string): Seed {
  const files = fs
    .readdirSync(dir)
    .sort()
    .map((f) => ({ uri: `file:///${name}/${f}`, text: fs.readFileSync(path.join(dir, f), 'utf8') }));
  return { name, files };
}

export function tobsSeeds(): Seed[] {
  return [readSet('tobs-before', path.join(SCENARIO_DIR, 'tobs-before')), readSet('tobs-after', path.join(SCENARIO_DIR, 'tobs-after')), readSet('example', EXAMPLE_DIR)];
}

export function corpusSeeds(): Seed[] {
  return loadCorpus()
    .filter((f) => f.language)
    .map((f) => ({ name: f.rel, files: [{ uri: f.uri, text: f.text }] }));
}

export function languageOf(file: SnapshotFile): Language | undefined {
  return classify(file.uri, file.text);
}

export function snapshotOf(seed: Seed): Snapshot {
  return new Snapshot(seed.files);
}
