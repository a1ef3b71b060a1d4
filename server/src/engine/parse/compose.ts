import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import type { SourceText } from '../text';

export interface ComposeService {
  name: string;
  /** The `name:` key node of the service under `services:`. */
  keyNode: Node;
  map: YAMLMap;
}

export interface ParsedCompose {
  language: 'compose';
  source: SourceText;
  doc: Document.Parsed;
  /** YAML syntax errors, with offsets. */
  errors: { message: string; start: number; end: number }[];
  services: ComposeService[];
}

/** Deeper flow nesting (`[[[…`) is no compose file; the parser keeps about 900 bytes per level. */
export const MAX_FLOW_NESTING = 256;

/**
 * The offset where `[`/`{` nesting first gets deeper than `limit`, outside comments. Quotes are
 * not followed: the parser itself does not stop at an unclosed one, and no compose file holds
 * hundreds of unmatched brackets in a string.
 */
function tooDeepAt(text: string, limit: number): number | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) while (i < text.length && text[i] !== '\n') i++;
    else if (c === '[' || c === '{') {
      if (++depth > limit) return i;
    } else if ((c === ']' || c === '}') && depth > 0) depth--;
  }
  return undefined;
}

/**
 * `prettyErrors: false`: pretty errors quote the offending line, which costs that line's length
 * per error; a long damaged line (one with thousands of errors) made parsing quadratic. A
 * megabyte of `[` took 890 MB of parse tree, so such text is not parsed at all.
 */
export function parseCompose(source: SourceText): ParsedCompose {
  const deep = tooDeepAt(source.parseText, MAX_FLOW_NESTING);
  const doc = parseDocument(deep === undefined ? source.parseText : '', { lineCounter: new LineCounter(), keepSourceTokens: false, uniqueKeys: false, prettyErrors: false });
  const errors = doc.errors.map((e) => ({ message: e.message.split('\n')[0], start: e.pos[0], end: e.pos[1] }));
  if (deep !== undefined) errors.push({ message: `Flow collections nested more than ${MAX_FLOW_NESTING} deep; not parsed`, start: deep, end: deep + 1 });
  const services: ComposeService[] = [];
  const servicesNode = isMap(doc.contents) ? doc.contents.get('services', true) : undefined;
  if (isMap(servicesNode)) {
    for (const pair of servicesNode.items) {
      if (isScalar(pair.key) && isMap(pair.value)) {
        services.push({ name: String(pair.key.value), keyNode: pair.key, map: pair.value });
      }
    }
  }
  return { language: 'compose', source, doc, errors, services };
}

/** Looks up `key` in a YAML map, returning the pair so that rules can reach key and value ranges. */
export function pairOf(map: unknown, key: string): Pair<Node, Node | null> | undefined {
  if (!isMap(map)) return undefined;
  return (map.items as Pair<Node, Node | null>[]).find((p) => isScalar(p.key) && String(p.key.value) === key);
}

export function getIn(map: unknown, ...path: string[]): Node | null | undefined {
  let node: unknown = map;
  for (const key of path) {
    const pair = pairOf(node, key);
    if (!pair) return undefined;
    node = pair.value;
  }
  return node as Node | null;
}

/** A scalar's value as a string, or undefined for collections and missing nodes. */
export function scalarString(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  return node.value === null ? '' : String(node.value);
}

export function sequenceItems(node: unknown): Node[] {
  return isSeq(node) ? (node.items as Node[]) : [];
}
