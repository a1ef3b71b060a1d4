// Exact text edits on a parsed YAML document. Every edit is computed from node source ranges and
// touches only the lines it must: the document is never re-stringified, so comments, quoting
// and the layout of everything else stay byte for byte. Edits use `\n`; the engine converts
// them to the file's line endings.

import { isCollection, isMap, isPair, isScalar, isSeq, parseDocument, visit, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import { pairOf, type ParsedCompose } from '../parse/compose';
import type { TextEdit } from '../types';

/**
 * A value to write. A string is written plain when it reads back as the same string in its
 * context, double-quoted otherwise (so "4" stays a string); a string array becomes a flow
 * sequence of double-quoted strings (an exec-form argv); an object becomes a map.
 */
export type YamlValue = string | number | readonly string[] | { readonly [key: string]: YamlValue };
export type YamlEntries = { readonly [key: string]: YamlValue };

type Collection = YAMLMap | YAMLSeq;
type Item = Pair | Node;

const DEFAULT_INDENT_UNIT = '  ';

/**
 * Adds `entries` to the map at `path` under `map`, creating the maps on the way (as one nested
 * block, or nested flow maps inside a flow collection). A key on the path with no value at all
 * (`deploy:`) is filled in. Undefined when something on the path is not a map.
 */
export function insertEntries(file: ParsedCompose, map: YAMLMap, path: readonly string[], entries: YamlEntries): TextEdit | undefined {
  let current = map;
  for (let i = 0; i < path.length; i++) {
    const pair = pairOf(current, path[i]);
    if (!pair) return insertIntoMap(file, current, nest(path.slice(i), entries));
    if (isMap(pair.value)) {
      current = pair.value;
      continue;
    }
    if (!current.flow && hasNoValue(pair.value)) return fillEmptyValue(file, pair, nest(path.slice(i + 1), entries));
    return undefined;
  }
  return insertIntoMap(file, current, entries);
}

/** Appends an item to a sequence: a new `- value` line in block style, `, value` in flow style. */
export function appendItem(file: ParsedCompose, seq: YAMLSeq, value: YamlValue): TextEdit {
  // A block sequence always has items: an empty one is written `[]`, in flow style.
  if (seq.flow || seq.items.length === 0) return flowInsert(file, seq, renderInline(value, true));
  const last = seq.items[seq.items.length - 1] as Node;
  const column = columnOf(file, dashBefore(file.source.text, last.range![0]) ?? last.range![0]);
  return insertLines(file, pastNestedComments(file, lineEndAfter(file, contentEnd(last)), column), [`${' '.repeat(column)}- ${renderInline(value, false)}`]);
}

/**
 * Removes a map pair or a sequence item: its whole line(s) in block style, with a trailing comment
 * on them but not the comment lines around it; in flow style the item and its comma. With
 * `pruneEmptyParent`, a collection left empty goes too, with its key (`args:`). Undefined when
 * the collection would be left empty but cannot go: it carries an anchor that aliases refer to,
 * or it is not the value of a map key.
 */
export function removeEntry(file: ParsedCompose, target: Item, { pruneEmptyParent = false } = {}): TextEdit | undefined {
  const path = ancestorsOf(file, target);
  const parent = path?.[path.length - 1];
  if (!isCollection(parent)) return undefined;
  if (pruneEmptyParent && parent.items.length === 1) {
    const holder = path![path!.length - 2];
    if (parent.anchor || !isPair(holder)) return undefined;
    return removeEntry(file, holder);
  }
  return parent.flow ? removeFlowItem(file, parent, target) : removeBlockItem(file, parent, target);
}

/** Replaces a scalar's value, keeping its quote style (plain falls back to double quotes when it must). */
export function replaceScalar(file: ParsedCompose, scalar: Scalar, value: string): TextEdit {
  const [start, end] = scalar.range!;
  let text: string;
  if (scalar.type === 'QUOTE_SINGLE') text = `'${value.replace(/'/g, "''")}'`;
  else if (scalar.type === 'PLAIN') text = renderString(value, isInFlow(file, scalar));
  else text = JSON.stringify(value);
  return edit(file, start, end, text);
}

/**
 * Turns `build: <context>` into the long form `build: {context: <context>, ...entries}`, written
 * as a block under the key (or as a flow map inside a flow collection). The context keeps its
 * source text and a trailing comment stays on its line. Undefined unless `build` is a scalar.
 */
export function expandBuildShorthand(file: ParsedCompose, service: YAMLMap, entries: YamlEntries): TextEdit[] | undefined {
  const pair = pairOf(service, 'build');
  const value = pair?.value;
  if (!pair || !isScalar(value) || value.anchor || hasNoValue(value)) return undefined;
  const contextText = file.source.text.slice(value.range![0], value.range![1]);
  if (service.flow) return [edit(file, value.range![0], value.range![1], `{context: ${contextText}, ${flowEntries(entries)}}`)];
  const indent = ' '.repeat(columnOf(file, pair.key.range![0])) + indentUnit(file);
  return [
    edit(file, pair.key.range![1], value.range![1], `:\n${indent}context: ${contextText}`),
    insertLines(file, lineEndAfter(file, value.range![1]), renderBlock(entries, indent, indentUnit(file))),
  ];
}

// ---- insertion -------------------------------------------------------------------------------

function insertIntoMap(file: ParsedCompose, map: YAMLMap, entries: YamlEntries): TextEdit {
  if (map.flow || map.items.length === 0) return flowInsert(file, map, flowEntries(entries));
  const column = columnOf(file, (map.items[0] as Pair<Node>).key.range![0]);
  return insertLines(file, pastNestedComments(file, lineEndAfter(file, contentEnd(map)), column), renderBlock(entries, ' '.repeat(column), indentUnit(file)));
}

/** `key:` followed by nothing gets its entries as a block on the lines below. */
function fillEmptyValue(file: ParsedCompose, pair: Pair<Node, Node | null>, entries: YamlEntries): TextEdit {
  const key = pair.key;
  const indent = ' '.repeat(columnOf(file, key.range![0])) + indentUnit(file);
  return insertLines(file, lineEndAfter(file, key.range![1]), renderBlock(entries, indent, indentUnit(file)));
}

/** Inserts after the last item of a flow collection, or just inside the bracket of an empty one. */
function flowInsert(file: ParsedCompose, collection: Collection, text: string): TextEdit {
  const items = collection.items as Item[];
  if (items.length === 0) {
    const at = collection.range![0] + 1;
    return edit(file, at, at, text);
  }
  const at = itemEnd(items[items.length - 1]);
  return edit(file, at, at, `, ${text}`);
}

/**
 * Moves an insertion point at a line start past the comment lines indented deeper than `column`
 * (blank lines between them included): they belong to the last entry, such as a commented-out
 * list item (`# - /dev/bus/usb`). Comments at the entries' own level stay below the insertion.
 */
function pastNestedComments(file: ParsedCompose, offset: number, column: number): number {
  const { source } = file;
  let end = offset;
  for (let line = source.positionAt(offset).line; offset < source.text.length && line < source.lineCount; line++) {
    const text = source.lineText(line);
    if (text.trim() === '') continue;
    if (!text.trimStart().startsWith('#') || source.indentOf(line).length <= column) break;
    end = source.nextLineOffset(line);
  }
  return end;
}

/** Inserts whole lines at a line start; at the end of a file without a final newline, starts one. */
function insertLines(file: ParsedCompose, offset: number, lines: string[]): TextEdit {
  const text = file.source.text;
  const body = lines.map((l) => `${l}\n`).join('');
  const atUnterminatedEnd = offset === text.length && text.length > 0 && !text.endsWith('\n');
  return edit(file, offset, offset, atUnterminatedEnd ? `\n${body.slice(0, -1)}` : body);
}

// ---- removal ---------------------------------------------------------------------------------

function removeFlowItem(file: ParsedCompose, collection: Collection, target: Item): TextEdit {
  const items = collection.items as Item[];
  const i = items.indexOf(target);
  if (i < items.length - 1) return edit(file, itemStart(target), itemStart(items[i + 1]), '');
  if (i > 0) return edit(file, itemEnd(items[i - 1]), itemEnd(target), '');
  return edit(file, itemStart(target), itemEnd(target), '');
}

function removeBlockItem(file: ParsedCompose, collection: Collection, target: Item): TextEdit {
  const text = file.source.text;
  const start = isSeq(collection) ? dashBefore(text, itemStart(target)) ?? itemStart(target) : itemStart(target);
  const lineStart = file.source.lineStartOffset(file.source.positionAt(start).line);
  const end = lineEndAfter(file, contentEnd(target));
  if (text.slice(lineStart, start).trim() !== '') {
    // The entry shares its line with what comes before (`- key: value`): take it up to the next
    // sibling, which then moves up into its place.
    const items = collection.items as Item[];
    const next = items[items.indexOf(target) + 1];
    return edit(file, start, next ? itemStart(next) : contentEnd(target), '');
  }
  if (end === text.length && !text.endsWith('\n') && lineStart > 0) {
    // Keep the file without a final newline: take the line break before the entry instead.
    const previousBreak = text[lineStart - 2] === '\r' ? lineStart - 2 : lineStart - 1;
    return edit(file, previousBreak, end, '');
  }
  return edit(file, lineStart, end, '');
}

// ---- rendering -------------------------------------------------------------------------------

function renderBlock(entries: YamlEntries, indent: string, unit: string): string[] {
  const lines: string[] = [];
  for (const [key, value] of Object.entries(entries)) {
    if (isEntries(value)) lines.push(`${indent}${key}:`, ...renderBlock(value, indent + unit, unit));
    else lines.push(`${indent}${key}: ${renderInline(value, false)}`);
  }
  return lines;
}

function flowEntries(entries: YamlEntries): string {
  return Object.entries(entries)
    .map(([key, value]) => `${key}: ${renderInline(value, true)}`)
    .join(', ');
}

function renderInline(value: YamlValue, inFlow: boolean): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return renderString(value, inFlow);
  if (isStringArray(value)) return `[${value.map((v) => JSON.stringify(v)).join(', ')}]`;
  return `{${flowEntries(value)}}`;
}

/** Plain when the text reads back as this very string, double-quoted otherwise. */
export function renderString(value: string, inFlow: boolean): string {
  return isPlainSafe(value, inFlow) ? value : JSON.stringify(value);
}

/**
 * Answers by value: fixes write the same few values again and again (the CLI computes every
 * finding's fixes to list them), and two YAML parses per value were a quarter of its time on
 * compose files. Bounded, for a long-running server.
 */
const plainSafe = new Map<string, boolean>();
const PLAIN_SAFE_ENTRIES = 1000;

function isPlainSafe(value: string, inFlow: boolean): boolean {
  if (value === '' || value !== value.trim() || /[\n\r\t]/.test(value)) return false;
  if (inFlow && /[,[\]{}]/.test(value)) return false;
  let safe = plainSafe.get(value);
  if (safe === undefined) {
    // Both schemas: Compose's parser still reads YAML 1.1 booleans such as `yes` as booleans.
    safe = (['1.1', '1.2'] as const).every((version) => {
      const doc = parseDocument(value, { version });
      const node = doc.contents;
      return doc.errors.length === 0 && isScalar(node) && node.type === 'PLAIN' && node.value === value;
    });
    if (plainSafe.size >= PLAIN_SAFE_ENTRIES) plainSafe.clear();
    plainSafe.set(value, safe);
  }
  return safe;
}

function isEntries(value: YamlValue): value is YamlEntries {
  return typeof value === 'object' && !Array.isArray(value);
}

function isStringArray(value: YamlValue): value is readonly string[] {
  return Array.isArray(value);
}

function nest(keys: readonly string[], entries: YamlEntries): YamlEntries {
  return keys.reduceRight<YamlEntries>((inner, key) => ({ [key]: inner }), entries);
}

// ---- positions -------------------------------------------------------------------------------

/** The offset just past the last character that belongs to a node's value (comments excluded). */
function contentEnd(item: Item): number {
  if (isPair(item)) return item.value && !hasNoValue(item.value) ? contentEnd(item.value as Node) : (item.key as Node).range![1];
  if (isCollection(item) && !item.flow && item.items.length > 0) return contentEnd(item.items[item.items.length - 1] as Item);
  return item.range![1];
}

function itemStart(item: Item): number {
  return isPair(item) ? (item.key as Node).range![0] : item.range![0];
}

/** The end of a flow item: its value, or its key when the value is empty. */
function itemEnd(item: Item): number {
  if (!isPair(item)) return item.range![1];
  const value = item.value as Node | null;
  return Math.max((item.key as Node).range![1], value?.range ? value.range[1] : 0);
}

/** Offset of the line start after the line holding the character before `offset`. */
function lineEndAfter(file: ParsedCompose, offset: number): number {
  const line = file.source.positionAt(Math.max(0, offset - 1)).line;
  return file.source.nextLineOffset(line);
}

function columnOf(file: ParsedCompose, offset: number): number {
  return file.source.positionAt(offset).character;
}

/** The offset of the `-` that introduces a block sequence item starting at `offset`. */
function dashBefore(text: string, offset: number): number | undefined {
  let i = offset - 1;
  while (i >= 0 && /\s/.test(text[i])) i--;
  return text[i] === '-' ? i : undefined;
}

/** The document's indentation step: the first nested block map's offset from its key. */
function indentUnit(file: ParsedCompose): string {
  let unit: string | undefined;
  visit(file.doc, {
    Pair(_, pair) {
      const key = pair.key as Node | null;
      const value = pair.value as Node | null;
      if (!isMap(value) || value.flow || !key?.range || value.items.length === 0) return undefined;
      const step = columnOf(file, (value.items[0] as Pair<Node>).key.range![0]) - columnOf(file, key.range[0]);
      if (step <= 0) return undefined;
      unit = ' '.repeat(step);
      return visit.BREAK;
    },
  });
  return unit ?? DEFAULT_INDENT_UNIT;
}

/** The chain of collections and pairs from the document down to `target` (excluded). */
function ancestorsOf(file: ParsedCompose, target: Item): readonly unknown[] | undefined {
  let found: readonly unknown[] | undefined;
  visit(file.doc, (_, node, path) => {
    if (node !== target) return undefined;
    found = path;
    return visit.BREAK;
  });
  return found;
}

function isInFlow(file: ParsedCompose, node: Node): boolean {
  return (ancestorsOf(file, node) ?? []).some((a) => isCollection(a) && a.flow);
}

function hasNoValue(node: unknown): boolean {
  return node === null || (isScalar(node) && node.value === null && node.range![0] === node.range![1]);
}

function edit(file: ParsedCompose, start: number, end: number, newText: string): TextEdit {
  return { uri: file.source.uri, range: file.source.rangeOf(start, end), newText };
}
