// `HTTP_PROXY: ""` does nothing on a machine without a proxy and, on one with a proxy, replaces
// the host's setting with nothing. Either remove the variable or pass the host's value through.

import { isMap, isPair, isScalar, type Node, type Pair, type Scalar } from 'yaml';
import type { ParsedCompose } from '../../parse/compose';
import { removeEntry, replaceScalar } from '../../edit/yaml';
import { defineRule } from '../../rule';
import type { Fix } from '../../types';
import { mergedGet, resolveAlias, variableEntries, type VariableEntry } from './shared/lookup';

const PROXY_VARIABLES = new Set(['http_proxy', 'https_proxy', 'ftp_proxy', 'no_proxy', 'all_proxy']);

interface EmptyProxy {
  entry: VariableEntry;
  /** `environment` or `build.args`. */
  section: string;
  /** The services that read this section (several when an anchor is shared). */
  services: string[];
  sectionNode: Node;
}

function emptyProxies(file: ParsedCompose): EmptyProxy[] {
  const sections = new Map<Node, { section: string; services: string[] }>();
  const add = (node: unknown, section: string, service: string) => {
    const resolved = resolveAlias(file, node);
    if (!resolved) return;
    const known = sections.get(resolved);
    if (known) known.services.push(service);
    else sections.set(resolved, { section, services: [service] });
  };
  for (const service of file.services) {
    add(mergedGet(file, service.map, 'environment'), 'environment', service.name);
    const build = mergedGet(file, service.map, 'build');
    if (isMap(build)) add(mergedGet(file, build, 'args'), 'build.args', service.name);
  }
  return [...sections].flatMap(([sectionNode, { section, services }]) =>
    variableEntries(file, sectionNode)
      .filter((entry) => entry.emptyLiteral && PROXY_VARIABLES.has(entry.name.toLowerCase()))
      .map((entry) => ({ entry, section, services, sectionNode })),
  );
}

function itemStart(item: Pair<Node, Node | null> | Scalar): number {
  return isPair(item) ? item.key.range![0] : item.range![0];
}

/** `NAME: ""` → `NAME:` and `- NAME=` → `- NAME`: Compose then takes the value from the host. */
function passThroughFix(file: ParsedCompose, proxy: EmptyProxy): Fix | undefined {
  const { item, name } = proxy.entry;
  const title = `Pass ${name} through from the host`;
  if (isScalar(item)) return { title, preferred: false, edits: [replaceScalar(file, item, name)] };
  if (!isMap(proxy.sectionNode) || proxy.sectionNode.flow) return undefined;
  const edit = { uri: file.source.uri, range: file.source.rangeOf(item.key.range![1], item.value!.range![1]), newText: ':' };
  return { title, preferred: false, edits: [edit] };
}

export default defineRule({
  meta: {
    id: 'compose/empty-proxy-vars',
    language: 'compose',
    severity: 'warning',
    description: 'Proxy variables are not set to empty strings in `environment` or `build.args`.',
    messages: {
      empty: '{{name}} is set to an empty string in `{{section}}` of {{services}}: it does nothing without a proxy, and where the host has one it replaces it with nothing.',
    },
  },
  check(ctx) {
    if (ctx.file.errors.length) return;
    for (const { entry, section, services } of emptyProxies(ctx.file)) {
      const start = itemStart(entry.item);
      const end = isPair(entry.item) ? entry.item.value!.range![1] : entry.item.range![1];
      ctx.report({
        range: ctx.file.source.rangeOf(start, end),
        messageId: 'empty',
        data: { name: entry.name, section, services: services.map((s) => `service ${s}`).join(', ') },
      });
    }
  },
  fix(ctx) {
    const offset = ctx.file.source.offsetAt(ctx.finding.range.start);
    const proxy = emptyProxies(ctx.file).find((p) => itemStart(p.entry.item) === offset);
    if (!proxy) return [];
    const fixes: Fix[] = [];
    const removal = removeEntry(ctx.file, proxy.entry.item, { pruneEmptyParent: true });
    if (removal) fixes.push({ title: `Remove the empty ${proxy.entry.name}`, preferred: true, edits: [removal] });
    const passThrough = passThroughFix(ctx.file, proxy);
    if (passThrough) fixes.push(passThrough);
    return fixes;
  },
});
