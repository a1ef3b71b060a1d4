// Engine edits as one LSP WorkspaceEdit: `documentChanges` with the open documents' versions when
// the client supports it (so an edit computed for an old version is refused, not misapplied),
// plain `changes` otherwise.

import type { TextDocumentEdit, TextEdit as LspTextEdit, WorkspaceEdit } from 'vscode-languageserver/node';
import { SourceText, uriKey, type Snapshot, type TextEdit } from '../engine/index';

export class WorkspaceEditBuilder {
  constructor(
    private readonly useDocumentChanges: boolean,
    private readonly versionOf: (uri: string) => number | undefined,
  ) {}

  fromEdits(edits: readonly TextEdit[]): WorkspaceEdit {
    const byUri = new Map<string, { uri: string; edits: LspTextEdit[] }>();
    for (const e of edits) {
      const key = uriKey(e.uri);
      if (!byUri.has(key)) byUri.set(key, { uri: e.uri, edits: [] });
      byUri.get(key)!.edits.push({ range: e.range, newText: e.newText });
    }
    return this.build([...byUri.values()]);
  }

  /** The changes from `before` to `after` in the `changed` files, one minimal edit per file. */
  fromSnapshots(before: Snapshot, after: Snapshot, changed: Iterable<string>): WorkspaceEdit {
    const files: { uri: string; edits: LspTextEdit[] }[] = [];
    for (const uri of changed) {
      const old = before.get(uri);
      const next = after.get(uri);
      if (!old || !next || old.text === next.text) continue;
      files.push({ uri: old.uri, edits: [minimalEdit(old.uri, old.text, next.text)] });
    }
    return this.build(files);
  }

  private build(files: { uri: string; edits: LspTextEdit[] }[]): WorkspaceEdit {
    if (!this.useDocumentChanges) return { changes: Object.fromEntries(files.map((f) => [f.uri, f.edits])) };
    const documentChanges: TextDocumentEdit[] = files.map((f) => ({
      textDocument: { uri: f.uri, version: this.versionOf(f.uri) ?? null },
      edits: f.edits,
    }));
    return { documentChanges };
  }
}

/** One edit replacing only the part between the common prefix and suffix of the two texts. */
export function minimalEdit(uri: string, before: string, after: string): LspTextEdit {
  let start = 0;
  const shorter = Math.min(before.length, after.length);
  while (start < shorter && before[start] === after[start]) start++;
  while (start > 0 && splitsPair(before, start)) start--;
  let end = 0;
  while (end < shorter - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  while (end > 0 && splitsPair(before, before.length - end)) end--;
  const source = new SourceText(uri, before);
  return { range: source.rangeOf(start, before.length - end), newText: after.slice(start, after.length - end) };
}

/** An offset between `\r` and `\n`, or inside a surrogate pair, is no valid LSP position in `text`. */
function splitsPair(text: string, offset: number): boolean {
  const prev = text.charCodeAt(offset - 1);
  const next = text.charCodeAt(offset);
  return (prev === 13 && next === 10) || (prev >= 0xd800 && prev <= 0xdbff && next >= 0xdc00 && next <= 0xdfff);
}
