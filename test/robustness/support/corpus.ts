// The shared real-world corpus as engine input. Each file gets back the place it had in its
// repository (from MANIFEST.tsv: `file:///corpus/<owner>/<repo>/<path>`), so that the files of
// one repository sit together as they did there and compose build contexts find their
// Dockerfiles. A few names the engine would not classify (`Dockerfile_base`, `sdnext.yml`) get
// a virtual folder with the canonical name, so that the engine lints every file.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { classify, type Language } from '../../../server/src/engine/index';
import { toolsAreRequired } from '../../support/require-tool';
import { CORPUS_DIR } from '../../support/paths';

export interface CorpusFile {
  /** Path relative to the corpus folder, as in its MANIFEST.tsv. */
  rel: string;
  /** The repository it comes from, `owner/name`. */
  repo: string;
  /** Virtual URI under which the engine sees the file: its place in its repository. */
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

interface ManifestEntry {
  rel: string;
  repo: string;
  sourcePath: string;
}

/** Both manifests (the stack's paths are relative to stack/). */
function readManifests(): ManifestEntry[] {
  return [
    ['MANIFEST.tsv', ''],
    ['stack/MANIFEST.tsv', 'stack/'],
  ].flatMap(([file, prefix]) =>
    fs
      .readFileSync(path.join(CORPUS_DIR, file), 'utf8')
      .split('\n')
      .slice(1)
      .filter((line) => line.trim())
      .map((line) => {
        const [corpusPath, repo, sourcePath] = line.split('\t');
        return { rel: prefix + corpusPath, repo, sourcePath };
      }),
  );
}

let cached: CorpusFile[] | undefined;

/** Every container file of the corpus, in corpus path order. */
export function loadCorpus(): CorpusFile[] {
  if (cached) return cached;
  cached = readManifests()
    .sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0))
    .flatMap(({ rel, repo, sourcePath }): CorpusFile[] => {
      const folderLanguage = languageOfFolder(rel);
      if (!folderLanguage) return [];
      const text = fs.readFileSync(path.join(CORPUS_DIR, rel), 'utf8');
      const asIs = CORPUS_ROOT_URI + `${repo}/${sourcePath}`.split('/').map(encodeURIComponent).join('/');
      if (FOREIGN_SOURCE.test(rel)) return [{ rel, repo, uri: asIs, text, language: undefined }];
      const uri = classify(asIs, text) === folderLanguage ? asIs : `${asIs}/${CANONICAL_NAME[folderLanguage]}`;
      return [{ rel, repo, uri, text, language: folderLanguage }];
    });
  return cached;
}

/** The corpus files by repository: each repository is a workspace of its own. */
export function corpusByRepository(): Map<string, CorpusFile[]> {
  const out = new Map<string, CorpusFile[]>();
  for (const f of loadCorpus()) out.set(f.repo, [...(out.get(f.repo) ?? []), f]);
  return out;
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
