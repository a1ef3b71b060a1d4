// Fix round trip on the real-world corpus: every preferred fix applied (fix-all, as `--fix` does)
// to the whole corpus at once, then every file judged against its original.
//
// CI runs a seeded sample (every file of corpus/stack, the on-stack files with the most fixes,
// plus SAMPLE_SIZE others); the whole corpus on demand:
//   TOBS_ROUNDTRIP=full npx mocha test/robustness/round-trip.test.ts

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../server/src/cli/main';
import { defaultConfig, Snapshot } from '../../server/src/engine/index';
import { CORPUS_ROOT_URI, corpusIsAvailable, loadCorpus, type CorpusFile } from './support/corpus';
import { fuzzSeed, Rng, sampleOf } from './support/random';
import { linesTouched, roundTrip, type RoundTripResult } from './support/round-trip';

const SAMPLE_SIZE = 250;
/**
 * A fix may change the lines of its finding and a few more it must: the RUN line a mount flag
 * goes on when the finding is the uv command below it, the ENV a setting is appended to.
 */
const EXTRA_LINES_PER_FIX = 2;

function selectFiles(): CorpusFile[] {
  const all = loadCorpus().filter((f) => f.language);
  if (process.env.TOBS_ROUNDTRIP === 'full') return all;
  const stack = all.filter((f) => f.rel.startsWith('stack/'));
  return [...stack, ...sampleOf(all.filter((f) => !f.rel.startsWith('stack/')), SAMPLE_SIZE, new Rng(fuzzSeed()))];
}

/** The corpus file's path under `dir`, as the CLI will see it. */
function diskPath(dir: string, uri: string): string {
  return path.join(dir, ...uri.slice(CORPUS_ROOT_URI.length).split('/').map(decodeURIComponent));
}

describe('fix round trip on the corpus', function () {
  this.timeout(0);
  let files: CorpusFile[] = [];
  let result: RoundTripResult;
  const languageOf = new Map<string, CorpusFile['language']>();

  before(function () {
    if (!corpusIsAvailable()) this.skip();
    files = selectFiles();
    for (const f of files) languageOf.set(f.uri, f.language);
    result = roundTrip(new Snapshot(files), defaultConfig(), (uri) => languageOf.get(uri));
    const changed = result.files.filter((f) => f.changed).length;
    const touched = result.fixes.reduce((n, r) => n + linesTouched(r), 0);
    const added = result.fixes.reduce((n, r) => n + r.added, 0);
    process.stderr.write(`      round trip: ${files.length} files, ${result.fixes.length} fixes in ${result.passes} passes, ${changed} files changed, ${touched} original lines changed, ${added} lines added\n`);
  });

  it('the line bookkeeping reproduces fix-all (every untouched line kept, verbatim and in order)', () => {
    assert.deepEqual(result.bookkeepingMismatch, []);
  });

  it('every fixed file parses as well as before: compose files keep their services, scripts pass bash -n, Dockerfiles gain no dockerfile-utils error', () => {
    assert.deepEqual(
      result.files.filter((f) => f.problems.length).map((f) => `${f.uri}: ${f.problems.join('; ')}`),
      [],
    );
  });

  it(`no fix changes more than the lines of its finding and ${EXTRA_LINES_PER_FIX} others`, () => {
    const wide = result.fixes.filter((r) => linesTouched(r) > r.findingLines.size + EXTRA_LINES_PER_FIX);
    assert.deepEqual(
      wide.map((r) => `${r.rule} "${r.title}" on ${r.uri}: changed ${linesTouched(r)} lines for a finding on ${r.findingLines.size}`),
      [],
    );
  });

  it('a second fix-all changes nothing', () => {
    assert.deepEqual(result.notIdempotent, []);
  });

  it('tobs-lint --fix writes exactly the same files as fix-all', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tobs-roundtrip-'));
    try {
      for (const f of files) {
        fs.mkdirSync(path.dirname(diskPath(dir, f.uri)), { recursive: true });
        fs.writeFileSync(diskPath(dir, f.uri), f.text);
      }
      const code = main(['--fix', '--format', 'json', dir], { stdout: () => undefined, stderr: () => undefined, colour: false });
      assert.ok(code === 0 || code === 1, `exit code ${code}`);
      const differing = files.filter((f) => fs.readFileSync(diskPath(dir, f.uri), 'utf8') !== result.after.get(f.uri)!.text).map((f) => f.rel);
      assert.deepEqual(differing, []);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
