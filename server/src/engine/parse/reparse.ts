// Re-parsing an edited Dockerfile without parsing it all again: the instructions before the edit
// and, when no line was added or removed, those after it are kept; only the text between is read
// again, by dockerfile-ast's own parser, from the state it is in between instructions. Parsing a
// 2,000-line Dockerfile on every keystroke was most of the language server's work per edit.
//
// The result is the parse tree a full parse of the new text gives: kept instructions and comments
// are moved onto the new text (same lines, same columns, same text), and the edited stretch is
// read until the parser stands, between instructions, exactly where a kept instruction starts.

import type { Comment, Instruction, ParserDirective } from 'dockerfile-ast';
import { Dockerfile } from 'dockerfile-ast/lib/dockerfile';
import type { ImageTemplate } from 'dockerfile-ast/lib/imageTemplate';
import { Util } from 'dockerfile-ast/lib/util';
import { Parser } from 'dockerfile-ast/lib/parser';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { SourceText } from '../text';
import { dockerfileOf, type ParsedDockerfile } from './dockerfile';

/** What dockerfile-ast's parser keeps between instructions, and its two top-level steps. */
interface ParserInternals {
  document: TextDocument;
  buffer: string;
  escapeChar: string;
  processComment(dockerfile: Dockerfile, start: number): number;
  processInstruction(dockerfile: Dockerfile, char: string, start: number): number;
}

/** The fields of parsed objects that tie them to a text and a tree. */
interface Tied {
  document?: TextDocument;
  dockerfile?: Dockerfile;
  properties?: Tied[];
  property?: Tied | null;
}

/**
 * The parse of `source` made from `previous` (the parse of an earlier text of the same file), or
 * undefined when the edit reaches the parser directives or the first instruction, where only a
 * full parse will do. `previous` must not be used afterwards: its kept objects now belong to the
 * new tree.
 */
export function reparseDockerfile(previous: ParsedDockerfile, source: SourceText): ParsedDockerfile | undefined {
  const before = previous.source;
  const oldText = before.parseText;
  const text = source.parseText;
  const oldAst = previous.ast;
  const instructions = oldAst.getInstructions();
  const comments = oldAst.getComments();
  const startOf = (line: { getRange(): { start: { line: number; character: number } } }) => before.offsetAt(line.getRange().start);

  let first = 0;
  const limit = Math.min(oldText.length, text.length);
  while (first < limit && oldText.charCodeAt(first) === text.charCodeAt(first)) first++;
  let common = 0;
  while (common < limit - first && oldText.charCodeAt(oldText.length - 1 - common) === text.charCodeAt(text.length - 1 - common)) common++;
  const oldEnd = oldText.length - common;
  const shift = text.length - oldText.length;

  // Kept before the edit: instructions that ended at a line break (not at the end of the text) before it.
  let kept = 0;
  while (kept < instructions.length) {
    const end = before.offsetAt(instructions[kept].getRange().end);
    if (end >= first || (oldText[end] !== '\n' && oldText[end] !== '\r')) break;
    kept++;
  }
  if (kept === 0) return undefined;
  const resumeFrom = before.offsetAt(instructions[kept - 1].getRange().end);

  // Kept after the edit, when every line after it stays where it was: instructions starting on a later line.
  const after = new Map<number, number>();
  if (before.lineCount === source.lineCount) {
    const lastEditedLine = before.positionAt(oldEnd).line;
    for (let i = kept; i < instructions.length; i++) {
      const range = instructions[i].getRange();
      if (range.start.line > lastEditedLine) after.set(startOf(instructions[i]) + shift, i);
    }
  }

  const document = TextDocument.create('', '', 0, text);
  const tree = new Dockerfile(document);
  const tie = (o: Tied) => {
    o.document = document;
    if (o.dockerfile) o.dockerfile = tree;
    for (const p of o.properties ?? []) p.document = document;
    if (o.property) o.property.document = document;
  };
  const directives = oldAst.getDirectives() as ParserDirective[];
  directives.forEach((d) => tie(d as unknown as Tied));
  if (directives.length) tree.setDirectives(directives as never);
  const keep = (items: readonly (Instruction | Comment)[], add: (item: never) => void) =>
    items.forEach((item) => {
      tie(item as unknown as Tied);
      add(item as never);
    });
  keep(instructions.slice(0, kept), (i) => tree.addInstruction(i));
  keep(
    comments.filter((c) => startOf(c) < resumeFrom),
    (c) => tree.addComment(c),
  );

  const parser = new Parser() as unknown as ParserInternals;
  parser.document = document;
  parser.buffer = text;
  parser.escapeChar = oldAst.getEscapeCharacter();
  let resumed: number | undefined;
  for (let i = resumeFrom; i < text.length && resumed === undefined; i++) {
    const char = text.charAt(i);
    if (char === ' ' || char === '\t' || char === '\r' || char === '\n') continue;
    if (char === '#') i = parser.processComment(tree, i);
    else if (after.has(i)) resumed = after.get(i);
    else i = parser.processInstruction(tree, char, i);
  }
  if (resumed !== undefined) {
    const from = startOf(instructions[resumed]);
    keep(instructions.slice(resumed), (i) => tree.addInstruction(i));
    keep(
      comments.filter((c) => startOf(c) >= from),
      (c) => tree.addComment(c),
    );
  }
  organizeComments(tree);
  return dockerfileOf(source, tree as never);
}

/** The parts of a Dockerfile tree that comments are handed out to. */
interface Stages {
  initialInstructions: ImageTemplate;
  buildStages: ImageTemplate[];
}

/**
 * dockerfile-ast's `organizeComments`, which hands each comment to the stage it is in, with each
 * stage's range worked out once instead of once per comment (a range depends only on the stage's
 * instructions): it was most of the time of a re-parse of a long Dockerfile.
 */
function organizeComments(tree: Dockerfile): void {
  const { initialInstructions, buildStages } = tree as unknown as Stages;
  const initial = initialInstructions.getRange();
  const stages = buildStages.map((stage) => ({ stage, range: stage.getRange() }));
  for (const comment of tree.getComments()) {
    if (initial && Util.isInsideRange(comment.getRange().end, initial)) initialInstructions.addComment(comment);
    else for (const { stage, range } of stages) if (range && Util.isInsideRange(comment.getRange().start, range)) stage.addComment(comment);
  }
}
