// The fix round trip: every preferred fix applied to a whole workspace (fix-all, as `--fix` does),
// then each file judged against its original: it still parses as well as before, a compose file
// keeps its services, and every original line that no fix touched is still there, verbatim and
// in order. Which lines a fix touched is worked out from its edits, pass by pass, at line
// granularity: an edit whose new text repeats the old lines around its change touches only the
// lines in between.

import { spawnSync } from 'node:child_process';
import { validate } from 'dockerfile-utils';
import { parseDocument } from 'yaml';
import { fixAll, Linter, SourceText, type Config, type Fix, type Language, type Snapshot, type TextEdit } from '../../../server/src/engine/index';

/** Remembers the snapshot each fix was computed on: fix-all's pass snapshots, in order. */
class PassRecordingLinter extends Linter {
  readonly passes: Snapshot[] = [];
  readonly snapshotOf = new WeakMap<Fix, Snapshot>();

  override fixes(...args: Parameters<Linter['fixes']>): Fix[] {
    const fixes = super.fixes(...args);
    if (!this.passes.includes(args[0])) this.passes.push(args[0]);
    for (const f of fixes) this.snapshotOf.set(f, args[0]);
    return fixes;
  }

  passOf(fix: Fix): number {
    return this.passes.indexOf(this.snapshotOf.get(fix)!);
  }
}

export interface FixRecord {
  rule: string;
  title: string;
  /** The finding's file. */
  uri: string;
  /** The original lines (0-based) of the finding's range, as far as they still existed when it was fixed. */
  findingLines: Set<number>;
  /** Original lines (0-based) of each file that this fix changed or removed. */
  touched: Map<string, number[]>;
  /** Lines it added. */
  added: number;
}

/** A line of the current text: where it came from in the original (undefined for new lines). */
type Origins = (number | undefined)[];

function splitLines(text: string): string[] {
  // Keeps each line's break, so that joining gives the text back and a changed break shows.
  return text.match(/[^\r\n]*(\r\n|\r|\n)|[^\r\n]+$/g) ?? [];
}

interface LineEdit {
  /** First old line and one past the last old line the edit spans (whole lines). */
  from: number;
  to: number;
  newLines: string[];
  fix: Fix;
}

/**
 * One pass's edits of one file as whole-line replacements: edits on the same lines are merged
 * into one group (so two fixes may share a line only if the edits are of one group).
 */
function lineEdits(text: string, edits: { edit: TextEdit; fix: Fix }[]): LineEdit[] {
  const source = new SourceText('file:///round-trip', text);
  const lines = splitLines(text);
  const lineStart = (l: number) => (l >= lines.length ? text.length : source.offsetAt({ line: l, character: 0 }));
  const spans = edits
    .map(({ edit, fix }) => {
      const start = source.offsetAt(edit.range.start);
      const end = source.offsetAt(edit.range.end);
      const from = source.positionAt(start).line;
      // An edit ending at a line start does not reach into that line.
      const endPos = source.positionAt(end);
      const to = Math.min(lines.length, endPos.character === 0 && end > start ? endPos.line : endPos.line + 1);
      return { start, end, from, to: Math.max(to, from), edit, fix };
    })
    .sort((a, b) => a.start - b.start);
  const groups: LineEdit[] = [];
  let i = 0;
  while (i < spans.length) {
    let j = i + 1;
    let to = spans[i].to;
    while (j < spans.length && spans[j].from < to) to = Math.max(to, spans[j++].to);
    const from = spans[i].from;
    const groupStart = lineStart(from);
    let out = '';
    let at = groupStart;
    for (const s of spans.slice(i, j)) {
      out += text.slice(at, s.start) + s.edit.newText;
      at = s.end;
    }
    out += text.slice(at, lineStart(to));
    // A group made of several fixes is attributed to its first; a test message names them all.
    groups.push({ from, to, newLines: splitLines(out), fix: spans[i].fix });
    i = j;
  }
  return groups;
}

interface FileState {
  text: string;
  origins: Origins;
}

/** Applies one pass's line edits; returns the new state and, per edit, the original lines it touched. */
function applyPass(state: FileState, groups: LineEdit[]): { next: FileState; touched: { fix: Fix; lines: number[]; added: number }[] } {
  const old = splitLines(state.text);
  const lines: string[] = [];
  const origins: Origins = [];
  const touched: { fix: Fix; lines: number[]; added: number }[] = [];
  let at = 0;
  for (const g of groups) {
    for (; at < g.from; at++) {
      lines.push(old[at]);
      origins.push(state.origins[at]);
    }
    const before = old.slice(g.from, g.to);
    const after = g.newLines;
    const lastOld = g.to === old.length ? before.length - 1 : -1;
    // The file's last line, when it had no line break, may gain one: text appended after it needs it.
    const same = (b: number, a: number) => before[b] === after[a] || (b === lastOld && !/[\r\n]$/.test(before[b]) && after[a].replace(/(\r\n|\r|\n)$/, '') === before[b]);
    let head = 0;
    while (head < before.length && head < after.length && same(head, head)) head++;
    let tail = 0;
    while (tail < before.length - head && tail < after.length - head && same(before.length - 1 - tail, after.length - 1 - tail)) tail++;
    const removed = before.length - head - tail;
    for (let k = 0; k < after.length; k++) {
      lines.push(after[k]);
      const kept = k < head ? g.from + k : k >= after.length - tail ? g.to - (after.length - k) : undefined;
      origins.push(kept === undefined ? undefined : state.origins[kept]);
    }
    const changed = state.origins.slice(g.from + head, g.from + head + removed).filter((o): o is number => o !== undefined);
    touched.push({ fix: g.fix, lines: changed, added: after.length - head - tail });
    at = g.to;
  }
  for (; at < old.length; at++) {
    lines.push(old[at]);
    origins.push(state.origins[at]);
  }
  return { next: { text: lines.join(''), origins }, touched };
}

export interface FileVerdict {
  uri: string;
  language: Language;
  changed: boolean;
  problems: string[];
}

export interface RoundTripResult {
  fixes: FixRecord[];
  files: FileVerdict[];
  passes: number;
  /** A second fix-all changed these files. */
  notIdempotent: string[];
  /** The line bookkeeping disagreed with fix-all's own result (a harness bug, or an edit applied differently). */
  bookkeepingMismatch: string[];
  after: Snapshot;
}

/** Runs fix-all on `snapshot` and judges every linted file. */
export function roundTrip(snapshot: Snapshot, config: Config, languageOf: (uri: string) => Language | undefined): RoundTripResult {
  const linter = new PassRecordingLinter();
  const result = fixAll(linter, snapshot, config);
  const states = new Map<string, FileState>();
  const state = (uri: string) => {
    if (!states.has(uri)) {
      const text = snapshot.get(uri)!.text;
      states.set(uri, { text, origins: splitLines(text).map((_, i) => i) });
    }
    return states.get(uri)!;
  };
  const records = new Map<Fix, FixRecord>();
  for (const { finding, fix } of result.applied) {
    records.set(fix, { rule: finding.rule, title: fix.title, uri: snapshot.get(finding.uri)!.uri, findingLines: new Set(), touched: new Map(), added: 0 });
  }
  const byPass = new Map<number, { edit: TextEdit; fix: Fix }[]>();
  for (const { fix } of result.applied) {
    const pass = linter.passOf(fix);
    for (const edit of fix.edits) byPass.set(pass, [...(byPass.get(pass) ?? []), { edit, fix }]);
  }
  for (const pass of [...byPass.keys()].sort((a, b) => a - b)) {
    for (const { finding, fix } of result.applied.filter((a) => linter.passOf(a.fix) === pass)) {
      const origins = state(snapshot.get(finding.uri)!.uri).origins;
      for (let l = finding.range.start.line; l <= finding.range.end.line; l++) if (origins[l] !== undefined) records.get(fix)!.findingLines.add(origins[l]!);
    }
    const byUri = new Map<string, { edit: TextEdit; fix: Fix }[]>();
    for (const e of byPass.get(pass)!) {
      const uri = snapshot.get(e.edit.uri)!.uri;
      byUri.set(uri, [...(byUri.get(uri) ?? []), e]);
    }
    for (const [uri, edits] of byUri) {
      const { next, touched } = applyPass(state(uri), lineEdits(state(uri).text, edits));
      states.set(uri, next);
      for (const t of touched) {
        const record = records.get(t.fix)!;
        record.touched.set(uri, [...(record.touched.get(uri) ?? []), ...t.lines]);
        record.added += t.added;
      }
    }
  }
  const bookkeepingMismatch = [...states].filter(([uri, s]) => s.text !== result.snapshot.get(uri)!.text).map(([uri]) => uri);
  const files: FileVerdict[] = [];
  for (const f of snapshot.files()) {
    const language = languageOf(f.uri);
    if (!language) continue;
    const after = result.snapshot.get(f.uri)!.text;
    files.push({ uri: f.uri, language, changed: after !== f.text, problems: after === f.text ? [] : syntaxProblems(language, f.text, after) });
  }
  const again = fixAll(new Linter(), result.snapshot, config);
  return { fixes: [...records.values()], files, passes: result.passes, notIdempotent: [...again.changed], bookkeepingMismatch, after: result.snapshot };
}

function composeShape(text: string): { errors: number; services?: string[] } {
  const doc = parseDocument(text, { uniqueKeys: false, prettyErrors: false });
  const js = doc.errors.length ? undefined : (doc.toJS({ maxAliasCount: -1 }) as unknown);
  const services = js && typeof js === 'object' && 'services' in js && js.services && typeof js.services === 'object' ? Object.keys(js.services).sort() : undefined;
  return { errors: doc.errors.length, services };
}

function dockerfileErrors(text: string): number {
  return validate(text).filter((d) => d.severity === 1).length;
}

/** `bash -n` on the text with LF endings (bash reads a CR as part of the line). */
export function bashSyntaxOk(text: string): boolean {
  return spawnSync('bash', ['-n'], { input: text.replace(/\r\n/g, '\n'), stdio: ['pipe', 'ignore', 'ignore'] }).status === 0;
}

/** How the fixed text parses compared with the original: worse is a problem. */
export function syntaxProblems(language: Language, before: string, after: string): string[] {
  switch (language) {
    case 'compose': {
      const b = composeShape(before);
      const a = composeShape(after);
      const problems: string[] = [];
      if (a.errors > b.errors) problems.push(`YAML errors ${b.errors} → ${a.errors}`);
      if (JSON.stringify(a.services) !== JSON.stringify(b.services)) problems.push(`services ${JSON.stringify(b.services)} → ${JSON.stringify(a.services)}`);
      return problems;
    }
    case 'dockerfile': {
      const b = dockerfileErrors(before);
      const a = dockerfileErrors(after);
      return a > b ? [`dockerfile-utils errors ${b} → ${a}`] : [];
    }
    case 'shell':
      return bashSyntaxOk(after) || !bashSyntaxOk(before) ? [] : ['bash -n fails after the fixes'];
  }
}

/** Original lines a fix changed or removed, in all files. */
export function linesTouched(record: FixRecord): number {
  return [...record.touched.values()].reduce((n, lines) => n + lines.length, 0);
}
