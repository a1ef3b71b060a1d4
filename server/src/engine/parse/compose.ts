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

/**
 * `prettyErrors: false`: pretty errors quote the offending line, which costs that line's length
 * per error; a long damaged line (one with thousands of errors) made parsing quadratic.
 */
export function parseCompose(source: SourceText): ParsedCompose {
  const doc = parseDocument(source.parseText, { lineCounter: new LineCounter(), keepSourceTokens: false, uniqueKeys: false, prettyErrors: false });
  const errors = doc.errors.map((e) => ({ message: e.message.split('\n')[0], start: e.pos[0], end: e.pos[1] }));
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
