// The shared real-world corpus as engine input. Files sit in folders named after their language;
// a few carry names the engine would not classify (`backend__Dockerfile`, `sdnext.yml`), so each
// of those gets its own virtual folder with the canonical name, and the engine lints every file.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { classify, type Language } from '../../../server/src/engine/index';
import { toolsAreRequired } from '../../support/require-tool';
import { CORPUS_DIR } from '../../support/paths';

export interface CorpusFile {
  /** Path relative to the corpus folder, as in its MANIFEST.tsv. */
  rel: string;
  /** Virtual URI under which the engine sees the file. */
  uri: string;
  text: string;
  /** The language of its folder; undefined for files that are not container files at all. */
  language: Language | undefined;
}

export const CORPUS_ROOT_URI = 'file:///corpus/';

const CANONICAL_NAME: Record<Language, string> = { dockerfile: 'Dockerfile', compose: 'compose.yaml', shell: 'run.sh' };
/** Stored under a language folder but not of that language (a Python generator of Dockerfiles). */
const FOREIGN_SOURCE = /\.py$/;

function languageOfFolder(rel: string): Language | undefined {
  const top = rel.startsWith('stack/') ? rel.split('/')[1] : rel.split('/')[0];
  return top === 'dockerfile' ? 'dockerfile' : top === 'compose' ? 'compose' : top === 'shell' ? 'shell' : undefined;
}

function listFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listFiles(path.join(dir, e.name)) : e.isFile() ? [path.join(dir, e.name)] : []))
    .sort();
}

let cached: CorpusFile[] | undefined;

/** Every container file of the corpus, in path order. */
export function loadCorpus(): CorpusFile[] {
  if (cached) return cached;
  cached = listFiles(CORPUS_DIR).flatMap((full): CorpusFile[] => {
    const rel = path.relative(CORPUS_DIR, full).split(path.sep).join('/');
    const folderLanguage = languageOfFolder(rel);
    if (!folderLanguage) return [];
    const text = fs.readFileSync(full, 'utf8');
    const asIs = CORPUS_ROOT_URI + rel;
    if (FOREIGN_SOURCE.test(rel)) return [{ rel, uri: asIs, text, language: undefined }];
    const uri = classify(asIs, text) === folderLanguage ? asIs : `${asIs}/${CANONICAL_NAME[folderLanguage]}`;
    return [{ rel, uri, text, language: folderLanguage }];
  });
  return cached;
}

/**
 * True when the corpus is present. Otherwise: fails under TOBS_REQUIRE_ALL=1 (CI), else prints a
 * loud notice and returns false (call `this.skip()` then).
 */
export function corpusIsAvailable(): boolean {
  if (fs.existsSync(path.join(CORPUS_DIR, 'MANIFEST.tsv'))) return true;
  const message = `the shared corpus is not at ${CORPUS_DIR}; set TOBS_SHARED_DIR to the folder that holds corpus/`;
  if (toolsAreRequired()) throw new Error(`TOBS_REQUIRE_ALL=1: ${message}`);
  process.stderr.write(`\n  *** SKIPPED: ${message} ***\n\n`);
  return false;
}
