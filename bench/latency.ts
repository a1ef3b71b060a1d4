// Edit-to-diagnostics latency over LSP stdio. Each session starts a fresh server on the case's
// folder, opens the files, then types one character at a time at the end of a line; the time of
// an edit is from sending didChange to receiving the publishDiagnostics for that version (and,
// for ours, to the re-publish of the files that depend on it: the cross-file work).

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Language } from '../server/src/engine/index';
import { EXAMPLE_DIR } from '../test/support/paths';
import { OUT_DIR } from './paths';
import { corpusFiles, longDockerfile, nearestInLength, typingPosition, writeIfChanged, type CorpusFile } from './inputs';
import { LspSession, sleep, type ServerSpec } from './lsp-session';
import { bashLanguageServer, dockerfileLanguageServer, yamlLanguageServer } from './servers';
import { quantile, spreads, type Spread } from './stats';

export interface LatencyCase {
  id: string;
  title: string;
  /** The workspace folder the servers are started on. */
  folder: string;
  edited: string;
  language: Language;
  /** A file open beside the edited one whose re-publish after each edit is timed (ours only). */
  crossFile?: string;
  peer?: ServerSpec;
}

export interface EditTimes {
  /** Edit to the edited file's diagnostics, ms. */
  file: number[];
  /** Edit to the last publish it caused, of any file: the cross-file work included, ms. */
  all: number[];
  /** Edit to the re-publish of the case's cross file, ms (empty without one). */
  crossFile: number[];
  /** Files published per edit. */
  filesPerEdit: number[];
  /** Longest round trip of a request sent while the edits were processed (0 when not watched). */
  longestBlock: number;
}

export interface LatencySummary {
  p50: Spread;
  p95: Spread;
  max: Spread;
  longestBlock: Spread;
}

const LANGUAGE_IDS: Record<Language, string> = { dockerfile: 'dockerfile', compose: 'yaml', shell: 'shellscript' };
const TYPED = 'abcdefghijklmnopqrstuvwxyz';
/** Silence after a publish before the next edit: no late publish can be taken for the next one. */
const SETTLE_MS = 25;

/** A compose file that builds the Dockerfile beside it, so that ours has cross-file work to do. */
const COMPOSE_BUILDING_DOCKERFILE = 'services:\n  app:\n    build: .\n    image: bench/app:latest\n';

function dockerfileCase(id: string, title: string, text: string): LatencyCase {
  const folder = path.join(OUT_DIR, 'latency', id);
  const edited = writeIfChanged(path.join(folder, 'Dockerfile'), text);
  writeIfChanged(path.join(folder, 'compose.yaml'), COMPOSE_BUILDING_DOCKERFILE);
  return { id, title, folder, edited, language: 'dockerfile', peer: dockerfileLanguageServer };
}

function singleFileCase(id: string, title: string, source: CorpusFile, name: string, peer: ServerSpec): LatencyCase {
  const folder = path.join(OUT_DIR, 'latency', id);
  const edited = writeIfChanged(path.join(folder, name), fs.readFileSync(source.path, 'utf8'));
  return { id, title, folder, edited, language: source.language, peer };
}

function tobsCase(id: string, name: string, language: Language, crossFile?: string): LatencyCase {
  return { id, title: `tobs ${name}`, folder: EXAMPLE_DIR, edited: path.join(EXAMPLE_DIR, name), language, crossFile: crossFile && path.join(EXAMPLE_DIR, crossFile) };
}

export function latencyCases(): LatencyCase[] {
  const corpus = corpusFiles();
  const short = nearestInLength(corpus, 'dockerfile', 60);
  const compose = nearestInLength(corpus, 'compose', 100);
  const script = nearestInLength(corpus, 'shell', 100);
  return [
    dockerfileCase('dockerfile-60', `Dockerfile, ${short.lines} lines (corpus)`, fs.readFileSync(short.path, 'utf8')),
    dockerfileCase('dockerfile-2000', 'Dockerfile, 2,000 lines (corpus Dockerfiles end to end)', longDockerfile(corpus, 2000)),
    singleFileCase('compose', `compose file, ${compose.lines} lines (corpus)`, compose, 'compose.yaml', yamlLanguageServer),
    singleFileCase('script-100', `script, ${script.lines} lines (corpus)`, script, 'run.sh', bashLanguageServer),
    tobsCase('tobs-dockerfile', 'Dockerfile', 'dockerfile', 'docker-compose.yml'),
    tobsCase('tobs-compose', 'docker-compose.yml', 'compose'),
    tobsCase('tobs-script', 'run-tobs.sh', 'shell'),
  ];
}

/** The 5,000-line Dockerfile of the language server issue: may not block the server > 200 ms. */
export function longFileCase(): LatencyCase {
  return dockerfileCase('dockerfile-5000', 'Dockerfile, 5,000 lines (corpus Dockerfiles end to end)', longDockerfile(corpusFiles(), 5000));
}

export interface EditOptions {
  edits: number;
  /** Open the case's cross file too and time its re-publish (ours only). */
  crossFile: boolean;
  /**
   * Keep a request in flight meanwhile to find the server's longest busy stretch (it costs the
   * server a little, so the plain latency figures are taken without it).
   */
  watchBlocking?: boolean;
}

/** Starts `server` on the case, types one character per edit, and stops it. */
export async function measureEdits(server: ServerSpec, c: LatencyCase, options: EditOptions): Promise<EditTimes> {
  const session = await LspSession.start(server, c.folder);
  try {
    // Let the server index the folder (ours) or settle (the peers) before the clock starts.
    await session.quiet(150);
    const crossFile = options.crossFile && c.crossFile ? session.open(c.crossFile, LANGUAGE_IDS.compose) : undefined;
    const openedAt = performance.now();
    const doc = session.open(c.edited, LANGUAGE_IDS[c.language]);
    await session.diagnosticsAfter(doc.uri, openedAt);
    await session.quiet(SETTLE_MS);

    const at = typingPosition(doc.text, c.language);
    const times: EditTimes = { file: [], all: [], crossFile: [], filesPerEdit: [], longestBlock: 0 };
    const pinging = { on: !!options.watchBlocking };
    const pinger = (async () => {
      while (pinging.on) {
        times.longestBlock = Math.max(times.longestBlock, await session.ping());
        await sleep(2);
      }
    })();
    for (let i = 0; i < options.edits; i++) {
      const sentAt = session.insert(doc, { ...at, character: at.character + i }, TYPED[i % TYPED.length]);
      times.file.push((await session.diagnosticsAfter(doc.uri, sentAt, doc.version)) - sentAt);
      if (crossFile) times.crossFile.push((await session.diagnosticsAfter(crossFile.uri, sentAt)) - sentAt);
      await session.quiet(SETTLE_MS);
      const caused = session.publishedSince(sentAt);
      times.all.push(caused.last! - sentAt);
      times.filesPerEdit.push(caused.files);
    }
    pinging.on = false;
    await pinger;
    return times;
  } finally {
    await session.stop();
  }
}

/** p50/p95/max of each session, then their median and range over the sessions. */
export function summarize(sessions: readonly EditTimes[], which: 'file' | 'all' | 'crossFile'): LatencySummary {
  return spreads(
    sessions.map((s) => ({
      p50: quantile(s[which], 0.5),
      p95: quantile(s[which], 0.95),
      max: Math.max(...s[which]),
      longestBlock: s.longestBlock,
    })),
  );
}
