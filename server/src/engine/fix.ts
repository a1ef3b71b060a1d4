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
    if (file.language === 'compose' && parseDocument(after, { uniqueKeys: false, prettyErrors: false }).errors.length > file.errors.length) return false;
    if (file.language === 'dockerfile' && dockerfileErrors(after) > dockerfileErrors(file.source.text)) return false;
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
  const applied: FixAllResult['applied'] = [];
  let passes = 0;
  const inScope = (uri: string) => !scope || scope.has(uriKey(uri));
  while (passes < MAX_FIX_PASSES) {
    const findings = linter
      .lint(current, config, scope ? [...scope] : undefined)
      .filter((f) => inScope(f.uri) && (!ruleFilter || ruleFilter(f.rule)));
    const taken = new Map<string, OffsetEdit[]>();
    const accepted: { finding: Finding; fix: Fix }[] = [];
    for (const finding of findings) {
      const fix = linter.fixes(current, config, finding).find((f) => f.preferred);
      if (!fix || fix.edits.length === 0) continue;
      if (conflicts(current, fix, taken)) continue;
      for (const [uri, edits] of editsByUri(fix)) {
        const source = new SourceText(uri, current.get(uri)!.text);
        taken.set(uri, [...(taken.get(uri) ?? []), ...toOffsets(source, edits)]);
      }
      accepted.push({ finding, fix });
    }
    if (!accepted.length) break;
    passes++;
    const byUri = new Map<string, TextEdit[]>();
    for (const { fix } of accepted) for (const [uri, edits] of editsByUri(fix)) byUri.set(uri, [...(byUri.get(uri) ?? []), ...edits]);
    const updated = [...byUri].map(([uri, edits]) => {
      const file = current.get(uri)!;
      changed.add(file.uri);
      return { uri: file.uri, text: applyEdits(file.text, edits) };
    });
    current = current.with(...updated);
    applied.push(...accepted);
  }
  return { snapshot: current, changed, applied, passes };
}

/** Edits conflict when their ranges overlap or touch: two inserts at one point have no defined order. */
function conflicts(snapshot: Snapshot, fix: Fix, taken: Map<string, OffsetEdit[]>): boolean {
  for (const [uri, edits] of editsByUri(fix)) {
    const file = snapshot.get(uri);
    if (!file) return true;
    const mine = toOffsets(new SourceText(uri, file.text), edits);
    for (const a of mine) for (const b of taken.get(uri) ?? []) if (a.start <= b.end && b.start <= a.end) return true;
  }
  return false;
}
