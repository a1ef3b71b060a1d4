import { displayPath, type Reported } from './common';

/** The JSON contract (version 1): positions 1-based, files relative to the working directory. */
export function formatJson(reported: readonly Reported[]): string {
  const findings = reported.map(({ finding: f, fixes }) => ({
    file: displayPath(f.uri),
    rule: f.rule,
    severity: f.severity,
    line: f.range.start.line + 1,
    column: f.range.start.character + 1,
    endLine: f.range.end.line + 1,
    endColumn: f.range.end.character + 1,
    message: f.message,
    fixes: fixes.map((x) => ({ title: x.title, preferred: x.preferred })),
    related: f.related.map((r) => ({ file: displayPath(r.uri), line: r.range.start.line + 1, column: r.range.start.character + 1, message: r.message })),
  }));
  return JSON.stringify({ version: 1, findings }, null, 2) + '\n';
}
