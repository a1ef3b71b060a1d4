// `group_add: [render]` reads like "the host's render group", but compose hands the name to the
// engine, which looks it up in the container's /etc/group. Debian-based images define only the
// base groups (video, audio, …), so the container does not start. The host's GID, through a
// variable, is what gives the container the group.

import { isScalar, isSeq, type Scalar, type YAMLSeq } from 'yaml';
import { removeEntry, replaceScalar } from '../../edit/yaml';
import type { ParsedCompose } from '../../parse/compose';
import type { Project } from '../../project';
import type { HostFacts } from '../../types';
import { defineRule } from '../../rule';
import { gidVariable, imageCreatesGroup, isForeignGroupName, RENDER_GROUP } from '../shared/groups';
import { hostGidItem } from './shared/group-gid';
import { mergedGet, nodeRange } from './shared/lookup';

interface NamedGroup {
  list: YAMLSeq;
  scalar: Scalar;
  group: string;
}

/**
 * Foreign group names of every `group_add` list in the file, each list once (anchors share them),
 * except names that the images of all the services using the list create themselves.
 */
function namedGroups(file: ParsedCompose, project: Project): NamedGroup[] {
  const dockerfilesByList = new Map<YAMLSeq, (string | undefined)[]>();
  for (const service of file.services) {
    const list = mergedGet(file, service.map, 'group_add');
    if (!isSeq(list)) continue;
    const model = project.services.find((s) => s.service === service);
    const dockerfile = model?.dockerfileUri ?? (model?.image ? project.builtImages.get(model.image) : undefined);
    dockerfilesByList.set(list, [...(dockerfilesByList.get(list) ?? []), dockerfile]);
  }
  const found: NamedGroup[] = [];
  for (const [list, dockerfiles] of dockerfilesByList) {
    for (const scalar of list.items) {
      if (!isScalar(scalar) || typeof scalar.value !== 'string' || !isForeignGroupName(scalar.value)) continue;
      const group = scalar.value;
      if (dockerfiles.every((d) => imageCreatesGroup(project, d, group))) continue;
      found.push({ list, scalar, group });
    }
  }
  return found;
}

/**
 * Whether another item of the list already gives the group: the variable (`${RENDER_GID:-988}`),
 * or for render the host's render GID written as a number (which compose/hardcoded-gid turns into
 * that variable).
 */
function listGivesGroup(list: YAMLSeq, group: string, host: HostFacts): boolean {
  const use = new RegExp(`\\$\\{?${gidVariable(group)}\\b`);
  const hostGid = group === RENDER_GROUP && host.renderGid !== undefined ? String(host.renderGid) : undefined;
  return list.items.some((item) => isScalar(item) && (use.test(String(item.value)) || String(item.value) === hostGid));
}

export default defineRule({
  meta: {
    id: 'compose/group-add-name',
    language: 'compose',
    severity: 'warning',
    description: '`group_add` gives groups that the image does not define (such as `render`) by the host\'s GID, not by name.',
    messages: {
      name: '`group_add` names the group `{{group}}`, which the engine looks up inside the container; Debian-based images have no `{{group}}` group, so the container fails to start ("unable to find group {{group}}"). Give the host\'s GID instead.',
    },
  },
  check(ctx) {
    if (ctx.file.errors.length) return;
    for (const { scalar, group } of namedGroups(ctx.file, ctx.project)) {
      ctx.report({ range: nodeRange(ctx.file, scalar), messageId: 'name', data: { group } });
    }
  },
  fix(ctx) {
    const offset = ctx.file.source.offsetAt(ctx.finding.range.start);
    const named = namedGroups(ctx.file, ctx.project).find((n) => n.scalar.range![0] === offset);
    if (!named) return [];
    if (listGivesGroup(named.list, named.group, ctx.host)) {
      const edit = removeEntry(ctx.file, named.scalar);
      return edit ? [{ title: `Remove \`${named.group}\`: the list already gives the group by its GID`, preferred: true, edits: [edit] }] : [];
    }
    const item = hostGidItem(named.group, ctx.host);
    return [{ title: `Use ${item}`, preferred: true, edits: [replaceScalar(ctx.file, named.scalar, item)] }];
  },
});
