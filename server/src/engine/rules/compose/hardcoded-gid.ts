// Group ids are per host: the render group is 988 on one machine and 109 on the next. A literal
// GID in `group_add` silently gives the container the wrong group elsewhere; a variable with the
// old number as its default keeps this host working and lets others set theirs.

import { isScalar, isSeq, type Scalar, type YAMLSeq } from 'yaml';
import type { ParsedCompose } from '../../parse/compose';
import { replaceScalar } from '../../edit/yaml';
import { defineRule } from '../../rule';
import type { HostFacts } from '../../types';
import { mergedGet, nodeRange } from './shared/lookup';

const RENDER_VARIABLE = 'RENDER_GID';
/** Groups a trailing comment may name (`- "109"  # render`). */
const GROUP_IN_COMMENT = /\b(render|video|plugdev|audio|input|dialout|kvm)\b/i;
/** Debian and Ubuntu give these groups fixed ids; other distributions do not (video is 39 on Fedora). */
const DEBIAN_STATIC_GROUPS: Record<string, string> = { '29': 'audio', '44': 'video', '46': 'plugdev' };
const REFERENCED_VARIABLE = /\$\{?([A-Za-z_]\w*)/g;

interface LiteralGid {
  scalar: Scalar;
  gid: string;
  /** The variable the fix introduces, named after the group when something says which. */
  variable: string;
}

function isNumericGid(scalar: Scalar): boolean {
  return typeof scalar.value === 'number' ? Number.isInteger(scalar.value) && scalar.value >= 0 : /^\d+$/.test(String(scalar.value));
}

/** The group a literal GID most likely is: named in its comment, the host's render group, or a Debian fixed id. */
function groupOf(scalar: Scalar, gid: string, host: HostFacts): string | undefined {
  const named = GROUP_IN_COMMENT.exec(scalar.comment ?? '')?.[1];
  if (named) return named.toLowerCase();
  if (host.renderGid !== undefined && String(host.renderGid) === gid) return 'render';
  return DEBIAN_STATIC_GROUPS[gid];
}

/**
 * Literal GIDs of every `group_add` in the file, each list once (anchors share them). Variable
 * names are unique within a list: `<GROUP>_GID` when the group is known, RENDER_GID for the
 * first unknown one (the seed's case: a GPU's render group), `GID_<n>` after that.
 */
function literalGids(file: ParsedCompose, host: HostFacts): LiteralGid[] {
  const lists = new Set<YAMLSeq>();
  for (const service of file.services) {
    const list = mergedGet(file, service.map, 'group_add');
    if (isSeq(list)) lists.add(list);
  }
  const found: LiteralGid[] = [];
  for (const list of lists) {
    const scalars = list.items.filter(isScalar);
    const taken = new Set(scalars.flatMap((s) => [...String(s.value).matchAll(REFERENCED_VARIABLE)].map((m) => m[1])));
    for (const scalar of scalars) {
      if (!isNumericGid(scalar)) continue;
      const gid = String(scalar.value);
      const group = groupOf(scalar, gid, host);
      const wanted = group ? `${group.toUpperCase()}_GID` : RENDER_VARIABLE;
      const variable = taken.has(wanted) ? `GID_${gid}` : wanted;
      taken.add(variable);
      found.push({ scalar, gid, variable });
    }
  }
  return found;
}

export default defineRule({
  meta: {
    id: 'compose/hardcoded-gid',
    language: 'compose',
    severity: 'error',
    description: '`group_add` names groups by a variable or a name, not by a host-specific numeric GID.',
    messages: {
      literal: '`group_add` hard-codes group id {{gid}}; group ids differ between hosts (render is 988 on one and 109 on another), so elsewhere the container gets the wrong group and loses the device.',
    },
  },
  check(ctx) {
    if (ctx.file.errors.length) return;
    for (const { scalar, gid } of literalGids(ctx.file, ctx.host)) {
      ctx.report({ range: nodeRange(ctx.file, scalar), messageId: 'literal', data: { gid } });
    }
  },
  fix(ctx) {
    const offset = ctx.file.source.offsetAt(ctx.finding.range.start);
    const literal = literalGids(ctx.file, ctx.host).find((l) => l.scalar.range![0] === offset);
    if (!literal) return [];
    const value = `\${${literal.variable}:-${literal.gid}}`;
    return [{ title: `Use ${value}`, preferred: true, edits: [replaceScalar(ctx.file, literal.scalar, value)] }];
  },
});
