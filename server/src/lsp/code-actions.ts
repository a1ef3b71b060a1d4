// Code actions, in the order vscode-eslint taught users to expect: for each diagnostic its
// preferred fix and the alternatives, then "Fix all <rule> problems in this file", "Ignore <rule>
// on this line" and "Show documentation for <rule>"; and `source.fixAll.tobs` for fix-on-save.
// Everything is computed from the current snapshot and the diagnostics' data, nothing is cached.

import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic } from 'vscode-languageserver/node';
import { fixAll, ignoreLineEdit, uriKey, type Config, type Finding, type Linter, type Snapshot } from '../engine/index';
import { findingOf } from './diagnostics';
import type { WorkspaceEditBuilder } from './workspace-edit';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.tobs`;
/** Quick fixes are computed for this many of the diagnostics a request names, at most. */
export const MAX_FINDINGS_WITH_QUICK_FIXES = 20;
/** The client's command that opens a rule's documentation page; its argument is the rule id. */
export const SHOW_RULE_DOCS_COMMAND = 'tobs.showRuleDocs';

export interface CodeActionInputs {
  linter: Linter;
  snapshot: Snapshot;
  config: Config;
  edits: WorkspaceEditBuilder;
}

export function codeActions(inputs: CodeActionInputs, params: CodeActionParams): CodeAction[] {
  const { linter, snapshot, config } = inputs;
  const uri = params.textDocument.uri;
  if (!snapshot.has(uri)) return [];
  const only = params.context.only;
  const actions: CodeAction[] = [];
  if (wants(only, CodeActionKind.QuickFix, true)) {
    const current = linter.lint(snapshot, config, [uri]);
    const matched = params.context.diagnostics
      .map((diagnostic) => ({ diagnostic, finding: findingOf(diagnostic, current) }))
      .filter((m): m is { diagnostic: Diagnostic; finding: Finding } => m.finding !== undefined);
    // Each fix is verified by linting its result: a line with thousands of findings (a generated
    // or damaged one) would keep the server busy for minutes, and nobody reads that many actions.
    actions.push(...matched.slice(0, MAX_FINDINGS_WITH_QUICK_FIXES).flatMap((m) => fixActions(inputs, m.finding, m.diagnostic)));
    actions.push(...onePerKey(matched, (m) => m.finding.rule).flatMap((m) => fixRuleInFileAction(inputs, m.finding, current, m.diagnostic)));
    actions.push(...onePerKey(matched, (m) => `${m.finding.rule}@${m.finding.range.start.line}`).flatMap((m) => ignoreAction(inputs, m.finding, m.diagnostic)));
    actions.push(...onePerKey(matched, (m) => m.finding.rule).map((m) => docsAction(m.finding.rule, m.diagnostic)));
  }
  if (wants(only, FIX_ALL_KIND, false)) actions.push(...fixAllAction(inputs, uri));
  return actions;
}

/** Whether the client asked for `kind`: `only` lists kinds or their parents (`source.fixAll`). */
function wants(only: string[] | undefined, kind: string, byDefault: boolean): boolean {
  return only ? only.some((k) => kind === k || kind.startsWith(`${k}.`)) : byDefault;
}

function fixActions({ linter, snapshot, config, edits }: CodeActionInputs, finding: Finding, diagnostic: Diagnostic): CodeAction[] {
  const fixes = linter.fixes(snapshot, config, finding).sort((a, b) => Number(b.preferred) - Number(a.preferred));
  return fixes.map((fix) => ({
    title: fix.title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred: fix.preferred || undefined,
    edit: edits.fromEdits(fix.edits),
  }));
}

function fixRuleInFileAction(inputs: CodeActionInputs, finding: Finding, current: Finding[], diagnostic: Diagnostic): CodeAction[] {
  if (current.filter((f) => f.rule === finding.rule).length < 2) return [];
  const { linter, snapshot, config, edits } = inputs;
  const result = fixAll(linter, snapshot, config, new Set([uriKey(finding.uri)]), (rule) => rule === finding.rule);
  if (!result.changed.size) return [];
  return [
    {
      title: `Fix all ${finding.rule} problems in this file`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      edit: edits.fromSnapshots(snapshot, result.snapshot, result.changed),
    },
  ];
}

function ignoreAction({ linter, snapshot, config, edits }: CodeActionInputs, finding: Finding, diagnostic: Diagnostic): CodeAction[] {
  const file = linter.project(snapshot, config).file(finding.uri);
  const edit = file && ignoreLineEdit(file, finding.rule, finding.range.start.line);
  if (!edit) return [];
  return [{ title: `Ignore ${finding.rule} on this line`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: edits.fromEdits([edit]) }];
}

function docsAction(rule: string, diagnostic: Diagnostic): CodeAction {
  const title = `Show documentation for ${rule}`;
  return { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], command: { title, command: SHOW_RULE_DOCS_COMMAND, arguments: [rule] } };
}

function fixAllAction({ linter, snapshot, config, edits }: CodeActionInputs, uri: string): CodeAction[] {
  const result = fixAll(linter, snapshot, config, new Set([uriKey(uri)]));
  if (!result.changed.size) return [];
  return [{ title: 'Fix all tobs problems', kind: FIX_ALL_KIND, edit: edits.fromSnapshots(snapshot, result.snapshot, result.changed) }];
}

function onePerKey<T>(items: T[], keyOf: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => !seen.has(keyOf(item)) && !!seen.add(keyOf(item)));
}
