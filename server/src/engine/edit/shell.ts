// Edits to shell scripts that keep every line they do not need to touch: whole commands inserted
// where a command may start (never inside a continued command or a heredoc), one word re-quoted,
// one option value swapped for another.

import type { EngineOption } from '../parse/engine-cli';
import type { ParsedScript } from '../parse/script';
import { insertionPointBefore, type SimpleCommand, type Word, type WordPart } from '../parse/shell';
import type { TextEdit } from '../types';

/** The line start before which commands that must run before `command` go. */
export function pointBefore(file: ParsedScript, command: SimpleCommand): number | undefined {
  return insertionPointBefore(file.script, command.start);
}

/** The first insertion point after `offset`. */
export function pointAfter(file: ParsedScript, offset: number): number | undefined {
  return file.script.insertionPoints.find((p) => p > offset);
}

/**
 * Inserts `lines` (without line breaks) as whole lines at the insertion point `offset`, each
 * non-empty line prefixed with `indent`.
 */
export function insertLines(file: ParsedScript, offset: number, lines: readonly string[], indent: string): TextEdit {
  const text = file.source.text;
  // A BOM stays the first character of the file.
  const at = offset === 0 && text.charCodeAt(0) === 0xfeff ? 1 : offset;
  const body = lines.map((l) => (l ? indent + l : '')).join('\n');
  const atEndWithoutBreak = at === text.length && at > 0 && !/[\r\n]$/.test(text);
  const position = file.source.positionAt(at);
  return { uri: file.source.uri, range: { start: position, end: position }, newText: atEndWithoutBreak ? `\n${body}` : `${body}\n` };
}

/** The indentation of the first line at or after `offset` that holds a command. */
export function indentAt(file: ParsedScript, offset: number): string {
  const source = file.source;
  for (let line = source.positionAt(offset).line; line < source.lineCount; line++) {
    const text = source.lineText(line);
    if (text.trim() && !text.trimStart().startsWith('#')) return source.indentOf(line);
  }
  return '';
}

/**
 * One indentation step as the script writes it: a tab when its first indented line starts with a
 * tab, else its smallest indentation in spaces (two when nothing is indented).
 */
export function indentUnit(file: ParsedScript): string {
  const source = file.source;
  let spaces = 0;
  for (let line = 0; line < source.lineCount; line++) {
    const indent = source.indentOf(line);
    if (!indent || !source.lineText(line).trim()) continue;
    if (indent.startsWith('\t')) {
      if (!spaces) return '\t';
      continue;
    }
    const width = /^ */.exec(indent)![0].length;
    if (!spaces || width < spaces) spaces = width;
  }
  return ' '.repeat(spaces ? Math.min(spaces, 8) : 2);
}

/** Indents the inner lines of a block written with two-space steps by the script's own step. */
export function reindent(lines: readonly string[], unit: string): string[] {
  return lines.map((l) => l.replace(/^((?: {2})+)/, (m) => unit.repeat(m.length / 2)));
}

/** Replaces [start, end) of the script by `newText`, editing only the characters that differ. */
export function replaceText(file: ParsedScript, start: number, end: number, newText: string): TextEdit {
  const old = file.source.text.slice(start, end);
  let head = 0;
  while (head < old.length && head < newText.length && old[head] === newText[head]) head++;
  let tail = 0;
  while (tail < old.length - head && tail < newText.length - head && old[old.length - 1 - tail] === newText[newText.length - 1 - tail]) tail++;
  return {
    uri: file.source.uri,
    range: file.source.rangeOf(start + head, end - tail),
    newText: newText.slice(head, newText.length - tail),
  };
}

/**
 * Replaces an option's value: `--user root`, `--user=root`, `-uroot`. A flag word written inside
 * quotes (`"--user=root"`) is rewritten whole.
 */
export function replaceOptionValue(file: ParsedScript, option: EngineOption, newValue: string): TextEdit | undefined {
  const value = option.value;
  if (!value) return undefined;
  if (option.inline && /^["']/.test(option.flag.raw)) return replaceText(file, option.flag.start, option.flag.end, `${option.name}=${newValue}`);
  return replaceText(file, value.start, value.end, newValue);
}

/**
 * The text of the given parts of a word (in source order) as one double-quoted string with the
 * same meaning: `$PWD/my\ dir` → `"$PWD/my dir"`. Single-quoted text that double quotes would
 * change stays single-quoted next to it.
 */
export function doubleQuoted(text: string, parts: readonly WordPart[]): string {
  let out = '"';
  for (const p of parts) {
    const raw = text.slice(p.start, p.end);
    if (p.kind === 'expansion' || p.quoting === 'double') out += raw;
    else if (p.quoting === 'single') out += /[$`"\\]/.test(raw) ? `"'${raw}'"` : raw;
    else out += unquotedTextInDoubleQuotes(raw);
  }
  return (out + '"').replace(/^""(?=.)/, '').replace(/(?<=.)""$/, '');
}

/** Unquoted text (with its backslash escapes) written for inside double quotes. */
function unquotedTextInDoubleQuotes(raw: string): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === '\\' && i + 1 < raw.length) {
      const next = raw[++i];
      out += '$`"\\'.includes(next) ? '\\' + next : next;
    } else {
      out += '$`"\\'.includes(c) ? '\\' + c : c;
    }
  }
  return out;
}

/** A whole word as one double-quoted string (see `doubleQuoted`). */
export function quoteWord(text: string, word: Word): string {
  return doubleQuoted(text, word.parts);
}

/** A word's text as it reads inside double quotes (for messages): `"$IMAGE"` → `$IMAGE`. */
export function insideDoubleQuotes(text: string, word: Word): string {
  return quoteWord(text, word).replace(/^"|"$/g, '');
}

/** The parts of `word` clipped to [start, end). */
export function partsWithin(word: Word, start: number, end: number): WordPart[] {
  return word.parts
    .filter((p) => (p.end > start && p.start < end) || (p.start === p.end && p.start >= start && p.start < end))
    .map((p) => ({ ...p, start: Math.max(p.start, start), end: Math.min(p.end, end) }));
}
