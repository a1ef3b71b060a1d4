// Edits to a Dockerfile that keep every line they do not need to touch: whole lines inserted
// before or after an instruction, a flag added in front of an instruction's arguments.

import type { Instruction } from 'dockerfile-ast';
import type { ParsedDockerfile } from '../parse/dockerfile';
import type { TextEdit } from '../types';

const COMMENT_LINE = /^\s*#/;

/** Inserts `lines` (each ending in `\n`) as whole lines before `line`. */
export function insertLinesBefore(file: ParsedDockerfile, line: number, lines: string): TextEdit {
  // A BOM stays the first character of the file.
  const character = line === 0 && file.source.text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const at = { line, character };
  return { uri: file.source.uri, range: { start: at, end: at }, newText: lines };
}

/** Inserts `lines` (each ending in `\n`) as whole lines after the instruction. */
export function insertLinesAfter(file: ParsedDockerfile, instruction: Instruction, lines: string): TextEdit {
  const source = file.source;
  const last = instruction.getRange().end.line;
  const offset = source.nextLineOffset(last);
  const endsWithBreak = offset > 0 && source.text[offset - 1] === '\n';
  const at = source.positionAt(offset);
  return { uri: source.uri, range: { start: at, end: at }, newText: endsWithBreak ? lines : '\n' + lines.replace(/\n$/, '') };
}

/**
 * The line to insert before so that a new instruction lands above `line` and above the comment
 * lines directly on top of it (they describe the instruction), but never above `floor`.
 */
export function lineAboveComments(file: ParsedDockerfile, line: number, floor = 0): number {
  let l = line;
  while (l - 1 >= floor && COMMENT_LINE.test(file.source.lineText(l - 1))) l--;
  return l;
}

/** The first line after the parser directives (`# syntax=…`, `# escape=…`). */
export function firstLineAfterDirectives(file: ParsedDockerfile): number {
  const directives = file.ast.getDirectives();
  return directives.length ? directives[directives.length - 1].getRange().end.line + 1 : 0;
}

/** Whether the line just above `line` is blank. */
export function blankLineAbove(file: ParsedDockerfile, line: number): boolean {
  return line > 0 && file.source.lineText(line - 1).trim() === '';
}

/**
 * Adds a flag (`--mount=…`) in front of the instruction's first argument. When the arguments start
 * on the keyword's line and are not a heredoc, the flag goes on a line of its own, continued with
 * the file's escape character, so the command line stays as it was; a short flag (`--chown=…`)
 * may stay `inline`.
 */
export function addFlagEdit(file: ParsedDockerfile, instruction: Instruction, flag: string, inline = false): TextEdit | undefined {
  const args = instruction.getArgumentsRange();
  if (!args) return undefined;
  const source = file.source;
  const escape = file.ast.getEscapeCharacter();
  const at = args.start;
  const firstArg = source.text.slice(source.offsetAt(at));
  if (inline || firstArg.startsWith('<<')) {
    return { uri: source.uri, range: { start: at, end: at }, newText: `${flag} ` };
  }
  const keywordLine = instruction.getRange().start.line;
  const indent = at.line === keywordLine ? '    ' : /^[ \t]*/.exec(source.lineText(at.line))![0];
  return { uri: source.uri, range: { start: at, end: at }, newText: `${flag} ${escape}\n${indent}` };
}

/** Quotes a word for a shell command line only when it needs it. */
export function shellWord(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
