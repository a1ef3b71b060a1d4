import { Composer, isMap, isScalar, isSeq, Parser, YAMLParseError, type CST, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
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
 * Deeper nesting is no compose file. Flow nesting (`[[[…`) costs the parser about 900 bytes per
 * level; any nesting overflows the stack of the recursive composer somewhere past a thousand
 * levels, at a depth that depends on the JIT, so the same text gave different errors from run to
 * run (and lone CRs, which YAML does not read as line breaks, nest a damaged file that deep).
 */
export const MAX_NESTING = 256;

/**
 * The offset where `[`/`{` nesting first gets deeper than `limit`, outside comments. Quotes are
 * not followed: the parser itself does not stop at an unclosed one, and no compose file holds
 * hundreds of unmatched brackets in a string.
 */
function tooDeepAt(text: string, limit: number): number | undefined {
  // Most files hold fewer brackets than the limit: counted with indexOf, they need no scan.
  let brackets = 0;
  for (const open of ['[', '{']) for (let i = text.indexOf(open); i >= 0 && brackets <= limit; i = text.indexOf(open, i + 1)) brackets++;
  if (brackets <= limit) return undefined;
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
  const flowTooDeep = tooDeepAt(source.parseText, MAX_NESTING);
  const text = flowTooDeep === undefined ? source.parseText : '';
  const tokens = [...new Parser().parse(text)];
  const tooDeep = flowTooDeep ?? collectionTooDeepAt(tokens, MAX_NESTING);
  const doc = composeDocument(tooDeep === undefined ? tokens : [], tooDeep === undefined ? text.length : 0);
  const errors = doc.errors.map((e) => ({ message: e.message.split('\n')[0], start: e.pos[0], end: e.pos[1] }));
  if (tooDeep !== undefined) errors.push({ message: `Collections nested more than ${MAX_NESTING} deep; not parsed`, start: tooDeep, end: tooDeep + 1 });
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

/** What `parseDocument` does, from tokens already parsed: the first document, and an error for any other. */
function composeDocument(tokens: CST.Token[], length: number): Document.Parsed {
  let doc: Document.Parsed | undefined;
  for (const next of new Composer({ keepSourceTokens: false, uniqueKeys: false }).compose(tokens, true, length)) {
    if (doc) {
      doc.errors.push(new YAMLParseError([next.range[0], next.range[1]], 'MULTIPLE_DOCS', 'Source contains multiple documents; please use YAML.parseAllDocuments()'));
      break;
    }
    doc = next;
  }
  // compose(…, true, …) always yields a document, an empty one at the least.
  return doc!;
}

/** The offset of the first collection (block or flow) nested more than `limit` deep in the syntax tree. */
function collectionTooDeepAt(tokens: readonly CST.Token[], limit: number): number | undefined {
  // A stack, not recursion: the point is a tree too deep to recurse into.
  const pending: { token: CST.Token | undefined; depth: number }[] = tokens.map((token) => ({ token, depth: 0 }));
  while (pending.length) {
    const { token, depth } = pending.pop()!;
    if (!token) continue;
    const inner = token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection' ? depth + 1 : depth;
    if (inner > limit) return token.offset;
    if (token.type === 'document') pending.push({ token: token.value, depth: inner });
    if ('items' in token) for (const item of token.items) pending.push({ token: item.key ?? undefined, depth: inner }, { token: item.value, depth: inner });
  }
  return undefined;
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
