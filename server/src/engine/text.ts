import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, Range } from './types';

/**
 * One file's text with position arithmetic. Parsers see `parseText`, in which a leading BOM is
 * replaced by a space: offsets stay identical, and no parser mistakes the BOM for content.
 */
export class SourceText {
  readonly doc: TextDocument;
  readonly eol: '\n' | '\r\n';
  readonly parseText: string;

  constructor(readonly uri: string, readonly text: string) {
    this.doc = TextDocument.create(uri, 'plaintext', 0, text);
    const firstBreak = text.indexOf('\n');
    this.eol = firstBreak > 0 && text[firstBreak - 1] === '\r' ? '\r\n' : '\n';
    this.parseText = text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;
  }

  get lineCount(): number {
    return this.doc.lineCount;
  }

  positionAt(offset: number): Position {
    return this.doc.positionAt(offset);
  }

  offsetAt(position: Position): number {
    return this.doc.offsetAt(position);
  }

  rangeOf(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }

  /** The text of a line without its line break. */
  lineText(line: number): string {
    const start = this.offsetAt({ line, character: 0 });
    const end = line + 1 < this.lineCount ? this.offsetAt({ line: line + 1, character: 0 }) : this.text.length;
    return this.text.slice(start, end).replace(/\r?\n$|\r$/, '');
  }

  lineStartOffset(line: number): number {
    return this.offsetAt({ line, character: 0 });
  }

  /** Offset just past the line's break (or the end of the text on the last line). */
  nextLineOffset(line: number): number {
    return line + 1 < this.lineCount ? this.offsetAt({ line: line + 1, character: 0 }) : this.text.length;
  }

  indentOf(line: number): string {
    return /^[ \t]*/.exec(this.lineText(line))![0];
  }

  /** Writes `lines` in this file's line ending style. */
  withEol(s: string): string {
    return this.eol === '\n' ? s : s.replace(/\r?\n/g, '\r\n');
  }
}

export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}
