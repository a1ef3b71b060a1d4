// What "the engine survives this input" means, checked the same way by every robustness suite:
// linting does not throw and reports no internal rule error, the fixes of the first 500 findings
// can be computed without throwing (and those of the first 20 pass the engine's verification with
// edits that fit their file), fix-all reaches a fixpoint, and linting stays within a time budget
// linear in the input size.

import * as inspector from 'node:inspector';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { applyEdits, fixAll, Linter, MAX_FIX_PASSES, rulesById, SourceText, type Config, type Finding, type Fix, type Language, type Snapshot } from '../../../server/src/engine/index';
import type { FixContext, Rule } from '../../../server/src/engine/rule';

export type DefectKind = 'lint-threw' | 'internal-error' | 'fix-threw' | 'bad-fix' | 'fix-all-threw' | 'no-fixpoint' | 'over-budget';

export interface Defect {
  kind: DefectKind;
  uri: string;
  rule?: string;
  detail: string;
}

export interface CheckReport {
  defects: Defect[];
  findings: Finding[];
  /** CPU time of the lint. */
  lintMs: number;
}

/**
 * The per-file bound against hangs, linear in size: generous (tens of times what a laptop
 * needs) so that a slow CI machine never trips it, tight enough that a quadratic blow-up on a
 * large input does. Measured in CPU time of this process, so that other processes on a busy
 * machine do not count against it.
 */
export const BUDGET_BASE_MS = 5000;
export const BUDGET_MS_PER_KB = 20;

export function budgetMs(chars: number): number {
  return BUDGET_BASE_MS + (BUDGET_MS_PER_KB * chars) / 1024;
}

export interface CheckOptions {
  /** Compute the fixes of the first 500 findings (and verify those of the first 20). */
  fixes?: boolean;
  /** Run fix-all and require a fixpoint within the engine's pass limit. */
  fixAll?: boolean;
}

function errorText(e: unknown): string {
  return e instanceof Error ? (e.stack ?? e.message).split('\n').slice(0, 4).join(' | ') : String(e);
}

/** Heap size above which a check first collects the garbage earlier cases left. */
const COLLECT_ABOVE_BYTES = 256 * 1024 * 1024;
v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

export function checkEngine(snapshot: Snapshot, config: Config, options: CheckOptions = {}): CheckReport {
  // A full collection of a heap that earlier megabyte cases left behind takes seconds of CPU;
  // it would count against this case's budget.
  if (process.memoryUsage().heapUsed > COLLECT_ABOVE_BYTES) collectGarbage();
  const linter = new Linter();
  const defects: Defect[] = [];
  const size = [...snapshot.files()].reduce((n, f) => n + f.text.length, 0);
  let findings: Finding[] = [];
  const started = process.cpuUsage();
  const elapsedMs = () => {
    const used = process.cpuUsage(started);
    return (used.user + used.system) / 1000;
  };
  try {
    findings = linter.lint(snapshot, config);
    linter.unreadable(snapshot);
  } catch (e) {
    defects.push({ kind: 'lint-threw', uri: '', detail: errorText(e) });
    return { defects, findings, lintMs: elapsedMs() };
  }
  const lintMs = elapsedMs();
  if (lintMs > budgetMs(size)) {
    // A blow-up in the engine repeats; a one-off (a full collection, a starved machine) does not.
    const retry = profiledLint(snapshot, config);
    if (retry.ms > budgetMs(size)) defects.push({ kind: 'over-budget', uri: '', detail: `lint took ${Math.round(lintMs)} ms of CPU, then ${Math.round(retry.ms)} ms, for ${size} chars (budget ${Math.round(budgetMs(size))} ms); hottest: ${retry.hottest}` });
  }
  for (const f of findings) if (f.data.internalError) defects.push({ kind: 'internal-error', uri: f.uri, rule: f.rule, detail: f.message });

  if (options.fixes) findings.slice(0, MAX_CHECKED_FINDINGS).forEach((finding, i) => defects.push(...checkFixes(linter, snapshot, config, finding, i < MAX_VERIFIED_FINDINGS)));
  if (options.fixAll) {
    try {
      const result = fixAll(linter, snapshot, config);
      if (result.passes >= MAX_FIX_PASSES) defects.push({ kind: 'no-fixpoint', uri: [...result.changed].join(' '), detail: `still changing after ${MAX_FIX_PASSES} passes: ${describeApplied(result.applied.slice(-3))}` });
    } catch (e) {
      defects.push({ kind: 'fix-all-threw', uri: '', detail: errorText(e) });
    }
  }
  return { defects, findings, lintMs };
}

/** CPU time of a lint with a fresh linter, after a full garbage collection, and where it went. */
function profiledLint(snapshot: Snapshot, config: Config): { ms: number; hottest: string } {
  collectGarbage();
  const session = new inspector.Session();
  session.connect();
  let hottest = '';
  let ms = 0;
  // The in-process inspector answers synchronously.
  session.post('Profiler.enable', () =>
    session.post('Profiler.start', () => {
      const started = process.cpuUsage();
      new Linter().lint(snapshot, config);
      const used = process.cpuUsage(started);
      ms = (used.user + used.system) / 1000;
      session.post('Profiler.stop', (error, result) => {
        if (!error) hottest = hottestFunctions(result.profile);
      });
    }),
  );
  session.disconnect();
  return { ms, hottest };
}

/** The five functions with the most samples of their own, as `name (file:line) share%`. */
function hottestFunctions(profile: inspector.Profiler.Profile): string {
  const counts = new Map<number, number>();
  for (const id of profile.samples ?? []) counts.set(id, (counts.get(id) ?? 0) + 1);
  const total = profile.samples?.length || 1;
  const byFunction = new Map<string, number>();
  for (const node of profile.nodes) {
    const frame = node.callFrame;
    const key = `${frame.functionName || '(anonymous)'} (${frame.url.split('/').slice(-2).join('/')}:${frame.lineNumber + 1})`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + (counts.get(node.id) ?? 0));
  }
  return [...byFunction]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)
    .map(([key, n]) => `${key} ${Math.round((100 * n) / total)}%`)
    .join(', ');
}

function describeApplied(applied: { finding: Finding; fix: Fix }[]): string {
  return applied.map(({ finding, fix }) => `${finding.rule} "${fix.title}"`).join(', ');
}

/**
 * Findings whose fixes are checked (the rule's fix looks its finding up among the file's others,
 * so thousands of findings would make the check quadratic; fix-all takes 500 per pass), and of
 * those the ones whose fixes the engine also verifies (a lint of the result per fix; the
 * language server verifies at most 20 per request).
 */
const MAX_CHECKED_FINDINGS = 500;
const MAX_VERIFIED_FINDINGS = 20;

/**
 * The engine swallows a throwing `fix` (the user just sees no fix), so the rule is called directly
 * first to see the throw; then the engine's verified fixes are checked edit by edit.
 */
function checkFixes(linter: Linter, snapshot: Snapshot, config: Config, finding: Finding, verify: boolean): Defect[] {
  const rule = rulesById.get(finding.rule) as Rule<Language> | undefined;
  if (!rule?.fix || finding.data.internalError) return [];
  const project = linter.project(snapshot, config);
  const file = project.file(finding.uri);
  if (!file) return [{ kind: 'bad-fix', uri: finding.uri, rule: finding.rule, detail: 'finding on a file the project does not know' }];
  const ctx: FixContext<Language> = { file: file as never, project, options: config.options, host: config.host, finding };
  try {
    rule.fix(ctx);
  } catch (e) {
    return [{ kind: 'fix-threw', uri: finding.uri, rule: finding.rule, detail: `${finding.message}: ${errorText(e)}` }];
  }
  if (!verify) return [];
  let fixes: Fix[];
  try {
    fixes = linter.fixes(snapshot, config, finding);
  } catch (e) {
    return [{ kind: 'fix-threw', uri: finding.uri, rule: finding.rule, detail: `engine, verifying the fixes of "${finding.message}": ${errorText(e)}` }];
  }
  const defects: Defect[] = [];
  for (const fix of fixes) {
    const problem = editProblem(snapshot, fix);
    if (problem) defects.push({ kind: 'bad-fix', uri: finding.uri, rule: finding.rule, detail: `"${fix.title}": ${problem}` });
  }
  return defects;
}

/** Why a fix's edits cannot be applied as they are, or undefined when they can. */
export function editProblem(snapshot: Snapshot, fix: Fix): string | undefined {
  const byUri = new Map<string, Fix['edits']>();
  for (const e of fix.edits) byUri.set(e.uri, [...(byUri.get(e.uri) ?? []), e]);
  for (const [uri, edits] of byUri) {
    const file = snapshot.get(uri);
    if (!file) return `edits a file that is not in the workspace: ${uri}`;
    const source = new SourceText(uri, file.text);
    for (const { range } of edits) {
      for (const p of [range.start, range.end]) {
        if (p.line < 0 || p.character < 0 || p.line >= source.lineCount || p.character > source.lineText(p.line).length) {
          return `position ${p.line}:${p.character} is outside the file (${source.lineCount} lines)`;
        }
      }
      if (source.offsetAt(range.start) > source.offsetAt(range.end)) return `range ends before it starts at ${range.start.line}:${range.start.character}`;
    }
    try {
      applyEdits(file.text, edits);
    } catch (e) {
      return errorText(e);
    }
  }
  return undefined;
}
