// Reading a compose service the way Compose does: through aliases, `<<` merge keys and
// `extends:`, while keeping the nodes (and so the source ranges) of wherever a value is written.

import { isAlias, isMap, isScalar, isSeq, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';
import { pairOf, scalarString, type ParsedCompose } from '../../../parse/compose';
import type { Project } from '../../../project';
import type { Range } from '../../../types';
import { dirnameUri, joinUri } from '../../../uri';

export function nodeRange(file: ParsedCompose, node: Node): Range {
  return file.source.rangeOf(node.range![0], node.range![1]);
}

/** The node an alias points to; other nodes as they are. */
export function resolveAlias(file: ParsedCompose, node: unknown): Node | null | undefined {
  return isAlias(node) ? (node.resolve(file.doc) as Node | undefined) : (node as Node | null | undefined);
}

/**
 * The pair of `key` in `map`, or in the maps it merges with `<<: *anchor` (earlier sources win,
 * as in YAML merge keys). The pair is where the value is written, so edits land in the right place.
 */
export function mergedPair(file: ParsedCompose, map: unknown, key: string, seen?: Set<unknown>): Pair<Node, Node | null> | undefined {
  const resolved = resolveAlias(file, map);
  if (!isMap(resolved) || seen?.has(resolved)) return undefined;
  const own = pairOf(resolved, key);
  if (own) return own;
  const merge = pairOf(resolved, '<<');
  if (!merge) return undefined;
  // Only merges can loop (an anchor merged into itself), and most maps have none.
  seen ??= new Set();
  seen.add(resolved);
  const value = resolveAlias(file, merge.value);
  const sources = isSeq(value) ? value.items : [value];
  for (const source of sources) {
    const found = mergedPair(file, source, key, seen);
    if (found) return found;
  }
  return undefined;
}

/** The value at `path`, each step through merge keys and aliases. */
export function mergedGet(file: ParsedCompose, map: unknown, ...path: string[]): Node | null | undefined {
  let node: unknown = map;
  for (const key of path) {
    const pair = mergedPair(file, node, key);
    if (!pair) return undefined;
    node = resolveAlias(file, pair.value);
  }
  return node as Node | null | undefined;
}

/** One variable of an `environment:` or `build.args:` section, in mapping or list form. */
export interface VariableEntry {
  name: string;
  /** The pair (mapping form) or the `NAME=value` scalar (list form): what to remove. */
  item: Pair<Node, Node | null> | Scalar;
  /** The value as written; undefined for a pass-through (`NAME:` or `- NAME`). */
  value?: string;
  /** Whether the value is an empty literal: `""`, `''`, `- NAME=`. */
  emptyLiteral: boolean;
}

export function variableEntries(file: ParsedCompose, section: unknown): VariableEntry[] {
  const node = resolveAlias(file, section);
  if (isMap(node)) {
    return (node.items as Pair<Node, Node | null>[]).flatMap((pair): VariableEntry[] => {
      if (!isScalar(pair.key) || String(pair.key.value) === '<<') return [];
      const value = isScalar(pair.value) && pair.value.value !== null ? String(pair.value.value) : undefined;
      const quoted = isScalar(pair.value) && (pair.value.type === 'QUOTE_DOUBLE' || pair.value.type === 'QUOTE_SINGLE');
      return [{ name: String(pair.key.value), item: pair, value, emptyLiteral: quoted && value === '' }];
    });
  }
  if (isSeq(node)) {
    return node.items.flatMap((item): VariableEntry[] => {
      if (!isScalar(item) || typeof item.value !== 'string') return [];
      const eq = item.value.indexOf('=');
      if (eq < 0) return [{ name: item.value.trim(), item, emptyLiteral: false }];
      const value = item.value.slice(eq + 1);
      return [{ name: item.value.slice(0, eq).trim(), item, value, emptyLiteral: /^(|""|'')$/.test(value) }];
    });
  }
  return [];
}

/** Names set in an `environment:` or `build.args:` section, in either form. */
export function variableNames(file: ParsedCompose, section: unknown): Set<string> {
  return new Set(variableEntries(file, section).map((e) => e.name));
}

export interface ServiceLayer {
  file: ParsedCompose;
  map: YAMLMap;
}

/**
 * The service and the services it `extends:`, own first. Undefined when an extended service
 * cannot be read (a file the project does not lint, a name not found): rules then stay quiet
 * rather than guess what it contains.
 */
export function serviceLayers(project: Project, file: ParsedCompose, map: YAMLMap): ServiceLayer[] | undefined {
  const layers: ServiceLayer[] = [];
  let current: ServiceLayer | undefined = { file, map };
  while (current) {
    if (layers.some((l) => l.map === current!.map)) return layers;
    layers.push(current);
    const ext = mergedGet(current.file, current.map, 'extends');
    if (ext === undefined) return layers;
    current = extendedService(project, current.file, ext);
    if (!current) return undefined;
  }
  return layers;
}

function extendedService(project: Project, file: ParsedCompose, ext: Node | null): ServiceLayer | undefined {
  const name = isMap(ext) ? scalarString(mergedGet(file, ext, 'service')) : scalarString(ext);
  const otherFile = isMap(ext) ? scalarString(mergedGet(file, ext, 'file')) : undefined;
  if (!name) return undefined;
  let target: ParsedCompose | undefined = file;
  if (otherFile) {
    const other = project.file(joinUri(dirnameUri(file.source.uri), otherFile));
    target = other?.language === 'compose' ? other : undefined;
  }
  const service = target?.services.find((s) => s.name === name);
  return service && target ? { file: target, map: service.map } : undefined;
}
