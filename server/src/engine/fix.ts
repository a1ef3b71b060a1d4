// Applying fixes: exact text edits, a syntax guard, and fix-all to a fixpoint.

import { validate } from 'dockerfile-utils';
import { parseDocument } from 'yaml';
import type { Linter } from './lint';
import type { Project } from './project';
import { Snapshot, uriKey } from './snapshot';
import { SourceText } from './text';
import type { Config, Finding, Fix, TextEdit } from './types';

interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
}

function toOffsets(source: SourceText, edits: readonly TextEdit[]): OffsetEdit[] {
  return edits.map((e) => ({ start: source.offsetAt(e.range.start), end: source.offsetAt(e.range.end), newText: e.newText }));
}

/** Applies non-overlapping edits of one file. Throws on overlap: that is a rule bug. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const source = new SourceText('file:///applyEdits', text);
  const sorted = toOffsets(source, edits).sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let at = 0;
  for (const e of sorted) {
    if (e.start < at) throw new Error('overlapping edits');
    out += text.slice(at, e.start) + e.newText;
    at = e.end;
  }
  return out + text.slice(at);
}

function editsByUri(fix: Fix): Map<string, TextEdit[]> {
  const map = new Map<string, TextEdit[]>();
  for (const e of fix.edits) {
    const key = uriKey(e.uri);
    if (!map.has(key)) map.set(key, []);
    map.get(key)!.push(e);
  }
  return map;
}

/** The snapshot with every edit of `fix` applied. */
export function applyFix(snapshot: Snapshot, fix: Fix): Snapshot {
  return snapshot.with(...[...editsByUri(fix)].map(([uri, edits]) => ({ uri: snapshot.get(uri)?.uri ?? uri, text: applyEdits(snapshot.get(uri)?.text ?? '', edits) })));
}

/**
 * A fix must not make a file worse: a compose file must not gain YAML errors, a Dockerfile must not
 * gain dockerfile-utils errors. Runs only when fixes are asked for, never per keystroke.
 */
export function checkFixKeepsSyntax(project: Project, fix: Fix): boolean {
  for (const [uri, edits] of editsByUri(fix)) {
    const file = project.file(uri);
    if (!file) continue;
    let after: string;
    try {
      after = applyEdits(file.source.text, edits);
    } catch {
      return false;
    }
    if (gainsSyntaxErrors(project, uri, after)) return false;
  }
  return true;
}

function dockerfileErrors(text: string): number {
  return validate(text).filter((d) => d.severity === 1).length;
}

export interface FixAllResult {
  snapshot: Snapshot;
  /** URIs whose text changed. */
  changed: Set<string>;
  /** Fixes applied, in order. */
  applied: { finding: Finding; fix: Fix }[];
  passes: number;
}

export const MAX_FIX_PASSES = 10;

interface Applied {
  finding: Finding;
  fix: Fix;
}

/**
 * Applies every preferred fix, re-lints and repeats until nothing changes (at most 10 passes).
 * Within a pass a fix whose edits touch another accepted fix's edits waits for the next pass.
 * `scope` limits which files' findings are fixed; `ruleFilter` which rules.
 */
export function fixAll(
  linter: Linter,
  snapshot: Snapshot,
  config: Config,
  scope?: ReadonlySet<string>,
  ruleFilter?: (rule: string) => boolean,
): FixAllResult {
  let current = snapshot;
  const changed = new Set<string>();
  const applied: Applied[] = [];
  let passes = 0;
  const inScope = (uri: string) => !scope || scope.has(uriKey(uri));
  while (passes < MAX_FIX_PASSES) {
    const findings = linter
      .lint(current, config, scope ? [...scope] : undefined)
      .filter((f) => inScope(f.uri) && (!ruleFilter || ruleFilter(f.rule)));
    const candidates = nonConflicting(current, findings, (finding) => linter.fixes(current, config, finding, false).find((f) => f.preferred));
    const pass = verifiedPass(linter, current, config, findings, candidates);
    if (!pass.accepted.length) break;
    passes++;
    for (const { fix } of pass.accepted) for (const e of fix.edits) changed.add(current.get(e.uri)!.uri);
    current = pass.snapshot;
    applied.push(...pass.accepted);
  }
  return { snapshot: current, changed, applied, passes };
}

/** The first fix of each finding whose edits touch no fix taken before it. */
function nonConflicting(snapshot: Snapshot, findings: readonly Finding[], fixOf: (finding: Finding) => Fix | undefined): Applied[] {
  const sources = new Map<string, SourceText | undefined>();
  const sourceOf = (uri: string) => {
    if (!sources.has(uri)) sources.set(uri, snapshot.get(uri) && new SourceText(uri, snapshot.get(uri)!.text));
    return sources.get(uri);
  };
  const taken = new Map<string, OffsetEdit[]>();
  const out: Applied[] = [];
  for (const finding of findings) {
    const fix = fixOf(finding);
    if (!fix || fix.edits.length === 0) continue;
    const mine = [...editsByUri(fix)].map(([uri, edits]) => ({ uri, source: sourceOf(uri), edits }));
    if (mine.some(({ uri, source, edits }) => !source || conflicts(toOffsets(source, edits), taken.get(uri)))) continue;
    for (const { uri, source, edits } of mine) {
      if (!taken.has(uri)) taken.set(uri, []);
      taken.get(uri)!.push(...toOffsets(source!, edits));
    }
    out.push({ finding, fix });
  }
  return out;
}

/** The snapshot with every edit of `accepted` applied; throws on overlapping edits. */
function applyAll(snapshot: Snapshot, accepted: readonly Applied[]): Snapshot {
  const byUri = new Map<string, TextEdit[]>();
  for (const { fix } of accepted) for (const [uri, edits] of editsByUri(fix)) byUri.set(uri, [...(byUri.get(uri) ?? []), ...edits]);
  return snapshot.with(...[...byUri].map(([uri, edits]) => ({ uri: snapshot.get(uri)!.uri, text: applyEdits(snapshot.get(uri)!.text, edits) })));
}

/**
 * The fixes of a pass that may be applied. Verifying each fix on its own (syntax kept, its finding
 * resolved) lints the file once per fix, which is quadratic for a file with thousands of findings;
 * so the whole pass is checked at once first: no file gains syntax errors and every rule in every
 * file loses at least as many findings as it had fixes applied. Only the fixes of a file where that
 * fails are verified one by one.
 */
function verifiedPass(linter: Linter, snapshot: Snapshot, config: Config, findings: readonly Finding[], candidates: readonly Applied[]): { accepted: Applied[]; snapshot: Snapshot } {
  if (!candidates.length) return { accepted: [], snapshot };
  const suspect = new Set<string>();
  try {
    const after = applyAll(snapshot, candidates);
    const project = linter.project(snapshot, config);
    for (const uri of new Set(candidates.flatMap(({ fix }) => fix.edits.map((e) => uriKey(e.uri))))) {
      if (gainsSyntaxErrors(project, uri, after.get(uri)!.text)) suspect.add(uri);
    }
    const ruleInFile = (f: Finding) => `${uriKey(f.uri)}\n${f.rule}`;
    const before = countBy(findings, ruleInFile);
    const remaining = countBy(linter.lint(after, config, new Set(candidates.map(({ finding }) => finding.uri))), ruleInFile);
    for (const [key, n] of countBy(candidates, ({ finding }) => ruleInFile(finding))) {
      if ((remaining.get(key) ?? 0) > (before.get(key) ?? 0) - n) suspect.add(key.slice(0, key.indexOf('\n')));
    }
    // The linter's model of `after` stays cached for the next pass's lint.
    if (!suspect.size) return { accepted: [...candidates], snapshot: after };
  } catch {
    // Applying or checking the pass threw (overlapping edits within one fix: a rule bug): every
    // fix goes through the full check, which turns such a fix down.
    for (const { fix } of candidates) for (const e of fix.edits) suspect.add(uriKey(e.uri));
  }
  const inSuspectFile = (a: Applied) => suspect.has(uriKey(a.finding.uri)) || a.fix.edits.some((e) => suspect.has(uriKey(e.uri)));
  const accepted = candidates.filter((a) => !inSuspectFile(a) || linter.verified(snapshot, config, a.finding, a.fix));
  return { accepted, snapshot: applyAll(snapshot, accepted) };
}

function gainsSyntaxErrors(project: Project, uri: string, after: string | undefined): boolean {
  const file = project.file(uri);
  if (!file || after === undefined) return false;
  if (file.language === 'compose') return parseDocument(after, { uniqueKeys: false, prettyErrors: false }).errors.length > file.errors.length;
  if (file.language === 'dockerfile') return dockerfileErrors(after) > dockerfileErrors(file.source.text);
  return false;
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

/** Edits conflict when their ranges overlap or touch: two inserts at one point have no defined order. */
function conflicts(mine: readonly OffsetEdit[], taken: readonly OffsetEdit[] = []): boolean {
  return mine.some((a) => taken.some((b) => a.start <= b.end && b.start <= a.end));
}
