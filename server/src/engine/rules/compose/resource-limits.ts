// Without limits one runaway container (a model that loads too much, a leak) takes the whole
// host's CPU and memory down with it. Compose honours `deploy.resources.limits` and the older
// `cpus`/`mem_limit` keys alike.

import type { YAMLMap } from 'yaml';
import { pairOf, type ParsedCompose } from '../../parse/compose';
import { insertEntries, type YamlEntries } from '../../edit/yaml';
import { defineRule } from '../../rule';
import type { Options, ResourceSpec, TextEdit } from '../../types';
import { mergedGet, mergedPair, nodeRange, serviceLayers, type ServiceLayer } from './shared/lookup';

/** Service keys that limit CPU or memory outside `deploy` (reservations and shares do not). */
const LEGACY_LIMIT_KEYS = ['cpus', 'cpu_quota', 'cpu_count', 'cpu_percent', 'mem_limit', 'memswap_limit'];

function hasLimits({ file, map }: ServiceLayer): boolean {
  const limits = mergedGet(file, map, 'deploy', 'resources', 'limits');
  return ['cpus', 'memory'].some((key) => mergedPair(file, limits, key)) || LEGACY_LIMIT_KEYS.some((key) => mergedPair(file, map, key));
}

/**
 * The fix's insertion: into an existing (empty or pids-only) `limits:`, or a `limits:` block
 * under `deploy.resources`, with reservations unless some exist (GPU device reservations).
 */
function limitsEdit(file: ParsedCompose, service: YAMLMap, resources: Options['resources']): TextEdit | undefined {
  const spec = (s: ResourceSpec): YamlEntries => ({ cpus: s.cpus, memory: s.memory });
  const resourcesPath = ['deploy', 'resources'];
  if (mergedPair(file, mergedGet(file, service, ...resourcesPath), 'limits')) {
    return insertEntries(file, service, [...resourcesPath, 'limits'], spec(resources.limits));
  }
  const hasReservations = mergedGet(file, service, ...resourcesPath, 'reservations') !== undefined;
  const entries: YamlEntries = hasReservations
    ? { limits: spec(resources.limits) }
    : { limits: spec(resources.limits), reservations: spec(resources.reservations) };
  return insertEntries(file, service, resourcesPath, entries);
}

export default defineRule({
  meta: {
    id: 'compose/resource-limits',
    language: 'compose',
    severity: 'warning',
    description: 'Every service limits its CPU and memory.',
    messages: {
      missing: 'Service {{service}} has no CPU or memory limits (`deploy.resources.limits`, or `cpus`/`mem_limit`), so a runaway process in it can take all of the host.',
    },
  },
  check(ctx) {
    const { file, project } = ctx;
    if (file.errors.length) return;
    for (const service of file.services) {
      const layers = serviceLayers(project, file, service.map);
      if (!layers || layers.some(hasLimits)) continue;
      ctx.report({ range: nodeRange(file, service.keyNode), messageId: 'missing', data: { service: service.name } });
    }
  },
  fix(ctx) {
    const { file, options } = ctx;
    const service = file.services.find((s) => s.keyNode.range![0] === file.source.offsetAt(ctx.finding.range.start));
    if (!service) return [];
    // A `deploy:` merged in from an anchor would be replaced, not extended, by one written here.
    if (mergedPair(file, service.map, 'deploy') && !pairOf(service.map, 'deploy')) return [];
    const { limits } = options.resources;
    const edit = limitsEdit(file, service.map, options.resources);
    return edit ? [{ title: `Limit ${service.name} to ${limits.cpus} CPUs and ${limits.memory} of memory`, preferred: true, edits: [edit] }] : [];
  },
});
