import type { Severity } from '../../engine/types';
import { displayPath, type Reported } from './common';

const COLOURS: Record<Severity, string> = { error: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[36m' };
const DIM = '\x1b[2m';
const BOLD = '\x1b[1m';
const RESET = '\x1b[0m';

/** Grouped by file: `line:col  severity  message  rule-id`, then a summary line. */
export function formatStylish(reported: readonly Reported[], colour: boolean): string {
  const paint = (code: string, s: string) => (colour ? `${code}${s}${RESET}` : s);
  const byFile = new Map<string, Reported[]>();
  for (const r of reported) {
    const file = displayPath(r.finding.uri);
    if (!byFile.has(file)) byFile.set(file, []);
    byFile.get(file)!.push(r);
  }
  const lines: string[] = [];
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  let fixable = 0;
  for (const [file, items] of byFile) {
    lines.push(paint(BOLD, file));
    const rows = items.map(({ finding: f, fixes }) => {
      counts[f.severity]++;
      if (fixes.some((x) => x.preferred)) fixable++;
      return [`${f.range.start.line + 1}:${f.range.start.character + 1}`, f.severity, f.message, f.rule] as const;
    });
    const posWidth = Math.max(...rows.map((r) => r[0].length));
    const sevWidth = Math.max(...rows.map((r) => r[1].length));
    for (const [pos, sev, message, rule] of rows) {
      lines.push(`  ${paint(DIM, pos.padEnd(posWidth))}  ${paint(COLOURS[sev], sev.padEnd(sevWidth))}  ${message}  ${paint(DIM, rule)}`);
    }
    lines.push('');
  }
  const total = reported.length;
  if (total === 0) return 'No problems found.\n';
  const summary = `${total} problem${total === 1 ? '' : 's'} (${counts.error} error${counts.error === 1 ? '' : 's'}, ${counts.warning} warning${counts.warning === 1 ? '' : 's'}, ${counts.info} info)`;
  lines.push(paint(BOLD, summary));
  if (fixable) lines.push(`${fixable} of them can be fixed with --fix.`);
  return lines.join('\n') + '\n';
}
