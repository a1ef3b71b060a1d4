// The inputs every tool is measured on, all derived from the real-world corpus (or the tobs
// example) so that each run of the benchmark sees the same files: the corpus split by kind, the
// single files of the latency cases, long Dockerfiles made of corpus Dockerfiles, and synthetic
// workspaces of corpus copies.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { classify, type Language } from '../server/src/engine/index';
import { walkWorkspace } from '../server/src/host/workspace-files';
import { CORPUS_DIR } from '../test/support/paths';
import { OUT_DIR } from './paths';

export interface CorpusFile {
  path: string;
  language: Language;
  lines: number;
}

/** The corpus files the linter lints (by its own classification), sorted by path. */
export function corpusFiles(): CorpusFile[] {
  if (!fs.existsSync(CORPUS_DIR)) throw new Error(`the corpus is missing: ${CORPUS_DIR} (set TOBS_SHARED_DIR)`);
  const out: CorpusFile[] = [];
  for (const f of walkWorkspace(CORPUS_DIR).files) {
    const language = classify(f.uri, f.text);
    if (language) out.push({ path: fileURLToPath(f.uri), language, lines: lineCount(f.text) });
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : 1));
}

export function lineCount(text: string): number {
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

/** The file of `language` whose length is nearest `lines` (the first by path on a tie). */
export function nearestInLength(files: readonly CorpusFile[], language: Language, lines: number): CorpusFile {
  const candidates = files.filter((f) => f.language === language);
  return candidates.reduce((best, f) => (Math.abs(f.lines - lines) < Math.abs(best.lines - lines) ? f : best));
}

/**
 * A multi-stage Dockerfile of exactly `lines` lines: corpus Dockerfiles one after the other (each
 * starts with its own FROM), cut at the last line, whose dangling continuation is dropped.
 */
export function longDockerfile(files: readonly CorpusFile[], lines: number): string {
  const out: string[] = [];
  for (const f of files) {
    if (f.language !== 'dockerfile') continue;
    out.push(...fs.readFileSync(f.path, 'utf8').replace(/\r\n/g, '\n').replace(/\n$/, '').split('\n'));
    if (out.length >= lines) break;
  }
  if (out.length < lines) throw new Error(`the corpus has fewer than ${lines} Dockerfile lines`);
  out.length = lines;
  out[lines - 1] = out[lines - 1].replace(/\s*\\$/, '');
  return out.join('\n') + '\n';
}

const TYPING_LINE: Record<Language, RegExp> = {
  // An instruction argument, a plain scalar value, a command: places where people type words.
  dockerfile: /^\s*(RUN|ENV|LABEL|ARG|WORKDIR|CMD)\s.*[\w"'\]]$/,
  compose: /^\s+[\w.-]+:\s+[\w./:"'${}-]+$/,
  shell: /^\s*[\w"'$].*[\w"']$/,
};

/**
 * Where the latency cases type: the end of the line nearest the middle of the file that looks
 * like a place someone would type in (not a comment, not a line continued with a backslash).
 */
export function typingPosition(text: string, language: Language): { line: number; character: number } {
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  const middle = lines.length >> 1;
  for (let distance = 0; distance < lines.length; distance++) {
    for (const line of [middle - distance, middle + distance]) {
      const content = lines[line];
      if (content === undefined || /^\s*#/.test(content) || content.endsWith('\\')) continue;
      if (TYPING_LINE[language].test(content)) return { line, character: content.length };
    }
  }
  throw new Error(`no line to type in (${language})`);
}

/** Writes `text` to `file` unless it already holds exactly that, creating folders as needed. */
export function writeIfChanged(file: string, text: string): string {
  if (fs.existsSync(file) && fs.readFileSync(file, 'utf8') === text) return file;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

/**
 * A folder of `count` corpus files: copy k of the corpus goes to `copy-k/`, keeping each file's
 * path, so names (and so kinds) and the links between compose files and Dockerfiles survive.
 */
export function syntheticWorkspace(files: readonly CorpusFile[], count: number): string {
  const folder = path.join(OUT_DIR, 'workspaces', String(count));
  const marker = path.join(folder, '.complete');
  if (fs.existsSync(marker)) return folder;
  fs.rmSync(folder, { recursive: true, force: true });
  for (let i = 0; i < count; i++) {
    const source = files[i % files.length];
    const target = path.join(folder, `copy-${Math.floor(i / files.length)}`, path.relative(CORPUS_DIR, source.path));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(source.path, target);
  }
  fs.writeFileSync(marker, '');
  return folder;
}
