// Findings as LSP diagnostics, and back. A diagnostic's `data` carries what identifies its finding
// (rule, range, the rule's fix data), so a code action request can find the finding again in the
// current text without any state kept between requests, and never by message text.

import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver/node';
import { docsUrl, type Finding, type FixData, type Range, type Severity, type Snapshot } from '../engine/index';
import type { ConfigProblem } from './folder-configs';

export const SOURCE = 'tobs';
export const CONFIG_CODE = 'config';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

export interface FindingRef {
  rule: string;
  range: Range;
  data: FixData;
}

export function toDiagnostic(finding: Finding, snapshot: Snapshot): Diagnostic {
  const ref: FindingRef = { rule: finding.rule, range: finding.range, data: finding.data };
  const diagnostic: Diagnostic = {
    range: finding.range,
    severity: SEVERITY[finding.severity],
    source: SOURCE,
    code: finding.rule,
    codeDescription: { href: docsUrl(finding.rule) },
    message: finding.message,
    data: ref,
  };
  if (finding.related.length) {
    // Rules may name a related file in decoded form; the client knows it by its own URI.
    diagnostic.relatedInformation = finding.related.map((r) => ({ location: { uri: snapshot.get(r.uri)?.uri ?? r.uri, range: r.range }, message: r.message }));
  }
  return diagnostic;
}

export function configDiagnostic(problem: ConfigProblem): Diagnostic {
  return { range: problem.range, severity: DiagnosticSeverity.Error, source: SOURCE, code: CONFIG_CODE, message: problem.message };
}

/**
 * The finding among `current` that a diagnostic (perhaps from an older version of the file) stands
 * for; undefined when the text has moved on. Clients that drop `data` still match by code and range.
 */
export function findingOf(diagnostic: Diagnostic, current: readonly Finding[]): Finding | undefined {
  if (diagnostic.source !== SOURCE) return undefined;
  const ref = isFindingRef(diagnostic.data) ? diagnostic.data : undefined;
  const rule = ref?.rule ?? diagnostic.code;
  const range = ref?.range ?? diagnostic.range;
  return current.find((f) => f.rule === rule && sameRange(f.range, range) && (!ref || JSON.stringify(f.data) === JSON.stringify(ref.data)));
}

function isFindingRef(v: unknown): v is FindingRef {
  const r = v as Partial<FindingRef> | null;
  return typeof r === 'object' && r !== null && typeof r.rule === 'string' && isRange(r.range) && typeof r.data === 'object' && r.data !== null;
}

function isRange(v: unknown): v is Range {
  const r = v as Partial<Range> | null;
  const isPos = (p: unknown) => typeof p === 'object' && p !== null && Number.isInteger((p as { line: unknown }).line) && Number.isInteger((p as { character: unknown }).character);
  return typeof r === 'object' && r !== null && isPos(r.start) && isPos(r.end);
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}
