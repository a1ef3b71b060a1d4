// A container given /dev/dri sees the GPU's render nodes, but on the host they are
// `root:render 0660` (`video` owns only the display nodes, card*, on current hosts). A process that
// is not root needs the host's render GID among its groups, or every open fails with "permission
// denied" and the app silently falls back to the CPU.

import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { appendItem, insertEntries } from '../../edit/yaml';
import { finalStage } from '../../parse/dockerfile';
import { getIn, scalarString, sequenceItems, type ComposeService, type ParsedCompose } from '../../parse/compose';
import type { Project } from '../../project';
import { defineRule } from '../../rule';
import type { TextEdit } from '../../types';
import { isRootUser, userAt } from '../dockerfile/shared/stages';
import { KEEP_GROUPS, RENDER_GROUP } from '../shared/groups';
import { hostGidItem } from './shared/group-gid';
import { mergedGet, mergedPair, nodeRange, serviceLayers, type ServiceLayer } from './shared/lookup';

const DRI = '/dev/dri';

/** The host path of a /dev/dri device: `/dev/dri`, `/dev/dri/renderD128:/dev/dri/renderD128:rwm`, or the long form's `source`. */
function driSource(item: Node): string | undefined {
  const source = isMap(item) ? scalarString(getIn(item, 'source')) : scalarString(item)?.split(':')[0];
  return source === DRI || source?.startsWith(`${DRI}/`) ? source : undefined;
}

/** A group that can own the render nodes: a GID, a variable holding one, the render group, or podman's keep-groups. */
function canOwnRenderNodes(item: Node): boolean {
  if (!isScalar(item)) return false;
  const value = String(item.value);
  return /^\d+$/.test(value) || value.includes('$') || value === RENDER_GROUP || value === KEEP_GROUPS;
}

/** Whether the service's process runs as a user other than root; undefined when nothing says. */
function runsAsNonRoot(project: Project, service: ComposeService, layers: ServiceLayer[]): boolean | undefined {
  for (const { file, map } of layers) {
    const user = scalarString(mergedGet(file, map, 'user'));
    if (user) return !isRootUser(user);
  }
  const model = project.services.find((s) => s.service === service);
  const dockerfile = project.dockerfile(model?.dockerfileUri ?? (model?.image ? project.builtImages.get(model.image) : undefined));
  const stage = dockerfile && finalStage(dockerfile);
  return dockerfile && stage ? !isRootUser(userAt(dockerfile, stage)) : undefined;
}

interface Problem {
  service: ComposeService;
  /** The host path of the first /dev/dri device. */
  source: string;
  /** That device's node, when it is written in this file. */
  device?: Node;
}

function problems(file: ParsedCompose, project: Project): Problem[] {
  const found: Problem[] = [];
  for (const service of file.services) {
    const layers = serviceLayers(project, file, service.map);
    if (!layers) continue;
    const devices = layers.flatMap((l) => sequenceItems(mergedGet(l.file, l.map, 'devices')).flatMap((node) => {
      const source = driSource(node);
      return source ? [{ node, source, file: l.file }] : [];
    }));
    if (!devices.length) continue;
    const groups = layers.flatMap((l) => sequenceItems(mergedGet(l.file, l.map, 'group_add')));
    if (groups.some(canOwnRenderNodes)) continue;
    // Root opens the nodes without the group: report when a user is set, or groups are given for one.
    const nonRoot = runsAsNonRoot(project, service, layers);
    if (nonRoot === false || (nonRoot === undefined && !groups.length)) continue;
    found.push({ service, source: devices[0].source, device: devices[0].file === file ? devices[0].node : undefined });
  }
  return found;
}

/** Appends to the service's `group_add` (its own or one merged in with `<<`), or adds one. */
function groupAddEdit(file: ParsedCompose, service: ComposeService, item: string): TextEdit | undefined {
  const pair = mergedPair(file, service.map, 'group_add');
  if (!pair) return insertEntries(file, service.map, [], { group_add: [item] });
  return isSeq(pair.value) ? appendItem(file, pair.value, item) : undefined;
}

export default defineRule({
  meta: {
    id: 'compose/gpu-device-without-group',
    language: 'compose',
    severity: 'warning',
    description: 'A service given `/dev/dri` also gets a group that owns the render nodes (the host\'s render GID).',
    messages: {
      missing:
        'Service {{service}} gets {{device}} but no group that owns the render nodes (only root and the render group may open /dev/dri/renderD*; `video` owns only card*): the app sees the GPU but cannot open it. Add the host\'s render GID to `group_add`.',
    },
  },
  check(ctx) {
    const { file } = ctx;
    if (file.errors.length) return;
    for (const { service, source, device } of problems(file, ctx.project)) {
      ctx.report({
        range: nodeRange(file, device ?? service.keyNode),
        messageId: 'missing',
        data: { service: service.name, device: source },
        fixData: { service: service.name },
      });
    }
  },
  fix(ctx) {
    const name = ctx.finding.data.service;
    const problem = problems(ctx.file, ctx.project).find((p) => p.service.name === name);
    if (!problem) return [];
    const item = hostGidItem(RENDER_GROUP, ctx.host);
    const edit = groupAddEdit(ctx.file, problem.service, item);
    return edit ? [{ title: `Add ${item} to group_add`, preferred: true, edits: [edit] }] : [];
  },
});
