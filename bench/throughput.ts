// Batch throughput as CI sees it: whole-process wall time, files per second and peak memory of
// `tobs-lint --format json` against the tools a user would otherwise run on the same files, and
// against the floor (reading and parsing the same files with no rules). Repetitions interleave the
// tools, so a busy moment on the machine falls on all of them alike.

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Language } from '../server/src/engine/index';
import { CORPUS_DIR } from '../test/support/paths';
import { corpusFiles, type CorpusFile } from './inputs';
import { OUT_DIR, PEERS_DIR as PEERS, PROGRAMS_DIR, SHIPPED_DIR } from './paths';
import { runMeasured, runPerFile, type ProcessRun } from './process';
import { interleaved, spreads, type Spread } from './stats';

export interface Contender {
  tool: string;
  /** How it was run, for the report. */
  how: string;
  files: number;
  run: () => Promise<ProcessRun>;
}

export interface ThroughputRow {
  tool: string;
  how: string;
  files: number;
  wallMs: Spread;
  cpuMs: Spread;
  filesPerSecond: Spread;
  peakRssMb: Spread;
}

export interface ThroughputGroup {
  id: 'corpus' | Language;
  title: string;
  rows: ThroughputRow[];
}

const CLI = path.join(SHIPPED_DIR, 'cli.js');
/** Tool names as the tables and the targets know them. */
export const OUR_CLI = 'tobs-lint';
export const FLOOR = 'parse-only floor';
const node = process.execPath;

const ours = (files: number, folders: string[]): Contender => ({
  tool: OUR_CLI,
  how: 'tobs-lint --format json',
  files,
  run: () => runMeasured(OUR_CLI, [node, CLI, '--format', 'json', ...folders]),
});

const floor = (files: number, folders: string[]): Contender => ({
  tool: FLOOR,
  how: 'read + parse, no rules',
  files,
  run: () => runMeasured('floor', [node, path.join(PROGRAMS_DIR, 'parse-floor.js'), ...folders]),
});

/** The peers for each kind of file; each gets exactly the files the CLI lints. */
const PEERS_BY_LANGUAGE: Record<Language, (files: string[]) => Contender[]> = {
  dockerfile: (files) => {
    const sample = everyNth(files, PER_PROCESS_SAMPLE);
    return [
      {
        tool: 'dockerfile-utils',
        how: `dockerfile-utils lint --json, one process per file (its CLI takes one file)${sample.length < files.length ? `, on every ${Math.ceil(files.length / PER_PROCESS_SAMPLE)}th file` : ''}`,
        files: sample.length,
        run: () => runPerFile('dockerfile-utils', sample, (f) => [node, path.join(PEERS, 'dockerfile-utils/bin/dockerfile-utils'), 'lint', '--json', f]),
      },
      {
        tool: 'dockerfile-utils validate()',
        how: 'its validate() over all files in one process',
        files: files.length,
        run: () => runMeasured('dockerfile-utils-validate', [node, path.join(PROGRAMS_DIR, 'dockerfile-utils-validate.js'), ...files]),
      },
    ];
  },
  compose: (files) => [
    {
      tool: 'dclint',
      how: 'dclint -f json <files>',
      files: files.length,
      run: () => runMeasured('dclint', [node, path.join(PEERS, 'dclint/bin/dclint.cjs'), ...files, '-f', 'json']),
    },
  ],
  shell: (files) => [{ tool: 'shellcheck', how: 'shellcheck -f json <files>', files: files.length, run: () => runMeasured('shellcheck', ['shellcheck', '-f', 'json', ...files]) }],
};

/**
 * A process per file costs a Node start-up each (about 0.1 s here): that peer runs on a sample, and
 * is compared by time per file.
 */
const PER_PROCESS_SAMPLE = 100;

function everyNth<T>(items: readonly T[], at: number): T[] {
  const step = Math.ceil(items.length / at);
  return items.filter((_, i) => i % step === 0);
}

const LANGUAGE_TITLES: Record<Language, string> = { dockerfile: 'Dockerfiles', compose: 'compose files', shell: 'scripts' };

/**
 * The corpus files of one kind copied to a folder of their own (paths kept), the first `limit`
 * of them, so that every tool, ours included, is handed exactly the same files.
 */
function kindFolder(files: readonly CorpusFile[], language: Language, limit: number): { folder: string; files: string[] } {
  const folder = path.join(OUT_DIR, 'corpus', Number.isFinite(limit) ? `${language}-${limit}` : language);
  const chosen = files.filter((f) => f.language === language).slice(0, limit);
  const copies = chosen.map((f) => path.join(folder, path.relative(CORPUS_DIR, f.path)));
  if (!fs.existsSync(path.join(folder, '.complete'))) {
    fs.rmSync(folder, { recursive: true, force: true });
    chosen.forEach((f, i) => {
      fs.mkdirSync(path.dirname(copies[i]), { recursive: true });
      fs.copyFileSync(f.path, copies[i]);
    });
    fs.writeFileSync(path.join(folder, '.complete'), '');
  }
  return { folder, files: copies };
}

/** The groups of contenders: the whole corpus (ours and the floor), then each kind with its peers. */
export function throughputGroups(limitPerKind: number): { id: ThroughputGroup['id']; title: string; contenders: Contender[] }[] {
  const corpus = corpusFiles();
  const groups = [{ id: 'corpus' as const, title: `the whole corpus (${corpus.length.toLocaleString('en-US')} files)`, contenders: [ours(corpus.length, [CORPUS_DIR]), floor(corpus.length, [CORPUS_DIR])] }];
  for (const language of ['dockerfile', 'compose', 'shell'] as const) {
    const kind = kindFolder(corpus, language, limitPerKind);
    groups.push({
      id: language as never,
      title: `${LANGUAGE_TITLES[language]} (${kind.files.length})`,
      contenders: [ours(kind.files.length, [kind.folder]), floor(kind.files.length, [kind.folder]), ...PEERS_BY_LANGUAGE[language](kind.files)],
    });
  }
  return groups;
}

export async function measureThroughput(repetitions: number, limitPerKind: number, progress: (line: string) => void): Promise<ThroughputGroup[]> {
  const out: ThroughputGroup[] = [];
  for (const group of throughputGroups(limitPerKind)) {
    const runs = await interleaved(group.contenders, repetitions, async (c) => {
      const run = await c.run();
      progress(`${group.id}: ${c.tool} ${Math.round(run.wallMs)} ms`);
      return run;
    });
    out.push({
      id: group.id,
      title: group.title,
      rows: group.contenders.map((c, i) => {
        const s = spreads(runs[i].map((r) => ({ wallMs: r.wallMs, cpuMs: r.cpuMs, filesPerSecond: (c.files * 1000) / r.wallMs, peakRssMb: r.peakRssBytes / 2 ** 20 })));
        return { tool: c.tool, how: c.how, files: c.files, ...s };
      }),
    });
  }
  return out;
}
