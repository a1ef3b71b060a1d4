// `# tobs-ignore-next-line <rule>[, <rule>]` and `# tobs-ignore-file <rule>`, the same in all
// three languages. "Next line" means the next logical line: in a Dockerfile or a script a
// command continued with a trailing backslash is one line, so a comment above `podman run \`
// covers all of its flags (a comment inside the continuation would break the command).

import type { ParsedFile } from './parse/index';
import type { Language, TextEdit } from './types';
import type { SourceText } from './text';

const DIRECTIVE = /^\s*#\s*tobs-ignore-(next-line|file)\s+([\w\/-]+(?:\s*,\s*[\w\/-]+)*)\s*$/;

export interface Suppressions {
  isSuppressed(rule: string, line: number): boolean;
}

export function readSuppressions(source: SourceText, language: Language, escapeChar = '\\'): Suppressions {
  const fileRules = new Set<string>();
  const lineRules = new Map<number, Set<string>>();
  const text = source.text;
  if (!text.includes('tobs-ignore-')) return { isSuppressed: () => false };
  const lines = text.split(/\r?\n|\r/);
  for (let i = 0; i < lines.length; i++) {
    const m = DIRECTIVE.exec(lines[i]);
    if (!m) continue;
    const rules = m[2].split(',').map((r) => r.trim());
    if (m[1] === 'file') {
      rules.forEach((r) => fileRules.add(r));
      continue;
    }
    const first = i + 1;
    const last = language === 'compose' ? first : logicalLineEnd(lines, first, escapeChar);
    for (let l = first; l <= last; l++) {
      if (!lineRules.has(l)) lineRules.set(l, new Set());
      rules.forEach((r) => lineRules.get(l)!.add(r));
    }
  }
  return { isSuppressed: (rule, line) => fileRules.has(rule) || (lineRules.get(line)?.has(rule) ?? false) };
}

/** The last physical line of the logical line that starts at `line`. */
export function logicalLineEnd(lines: readonly string[], line: number, escapeChar = '\\'): number {
  let l = line;
  while (l < lines.length - 1 && lines[l].endsWith(escapeChar)) l++;
  return l;
}

/** The first physical line of the logical line that contains `line`. */
export function logicalLineStart(lines: readonly string[], line: number, escapeChar = '\\'): number {
  let l = line;
  while (l > 0 && lines[l - 1].endsWith(escapeChar)) l--;
  return l;
}

/**
 * The edit behind "Ignore <rule> on this line": a `# tobs-ignore-next-line <rule>` comment above
 * the logical line of `line`, indented like it and in the file's line endings, or the rule added
 * to such a comment when one is already there. Undefined for a script's shebang line, which
 * must stay first.
 */
export function ignoreLineEdit(file: ParsedFile, rule: string, line: number): TextEdit | undefined {
  const { source } = file;
  const lines = source.text.split(/\r?\n|\r/);
  const at = Math.min(line, lines.length - 1);
  const escape = file.language === 'dockerfile' ? file.ast.getEscapeCharacter() : '\\';
  const target = file.language === 'compose' ? at : logicalLineStart(lines, at, escape);
  if (file.language === 'shell' && target === 0 && lines[0].startsWith('#!')) return undefined;
  const existing = target > 0 ? DIRECTIVE.exec(lines[target - 1]) : null;
  if (existing && existing[1] === 'next-line') {
    const end = lines[target - 1].trimEnd().length;
    const position = { line: target - 1, character: end };
    return { uri: source.uri, range: { start: position, end: position }, newText: `, ${rule}` };
  }
  const position = { line: target, character: 0 };
  return { uri: source.uri, range: { start: position, end: position }, newText: `${source.indentOf(target)}# tobs-ignore-next-line ${rule}${source.eol}` };
}
