// The render group's GID differs between hosts (988 here, 109 or 993 elsewhere). A number in
// `--group-add`, or a variable the script never fills in, gives the container the wrong group on
// other machines and GPU access through /dev/dri fails with "permission denied". The fix asks the
// host: `getent group render`, with a clear error when there is no such group.

import { replaceText } from '../../edit/shell';
import type { EngineCommand } from '../../parse/engine-cli';
import type { ParsedScript } from '../../parse/script';
import type { Word } from '../../parse/shell';
import { defineRule } from '../../rule';
import { RENDER_GROUP } from '../shared/groups';
import { detects, gidDetectionEdits, hasSubstitution } from './shared/gid-detection';
import { runOptionAt, runOptions } from './shared/runs';

const DEFAULT_VARIABLE = 'RENDER_GID';
/** `$NAME`, `${NAME}` and `${NAME:-default}` (also `-`, `=`, `:=`): a variable, maybe with a fallback. */
const VARIABLE_USE = /^\$(?:([A-Za-z_]\w*)|\{([A-Za-z_]\w*)(?::?[-=][^}]*)?\})$/;
const NUMERIC = /^\d+$/;

type Problem = { kind: 'literal'; gid: string } | { kind: 'undetected'; variable: string };

/** What is wrong with a `--group-add` value, if anything. */
function problemOf(file: ParsedScript, value: Word): Problem | undefined {
  if (NUMERIC.test(value.value)) return { kind: 'literal', gid: value.value };
  if (!value.hasExpansion || hasSubstitution(value.value)) return undefined;
  const m = VARIABLE_USE.exec(value.value);
  const variable = m?.[1] ?? m?.[2];
  if (!variable || detects(file, variable)) return undefined;
  return { kind: 'undetected', variable };
}

export default defineRule({
  meta: {
    id: 'script/render-gid-detect',
    language: 'shell',
    severity: 'warning',
    description: 'The render group id given to `--group-add` is detected on the host, not written into the script.',
    messages: {
      literal: '`--group-add {{gid}}` hard-codes a group id; the render group has another GID on other hosts (109, 993, …), so there the container cannot open /dev/dri.',
      undetected: '`--group-add` uses ${{variable}}, which the script never detects; when it is unset or stale the container gets the wrong group and cannot open /dev/dri.',
    },
  },
  check(ctx) {
    for (const { option } of runOptions(ctx.file, '--group-add')) {
      const value = option.value;
      const problem = value && problemOf(ctx.file, value);
      if (!value || !problem) continue;
      const data: Record<string, string> = problem.kind === 'literal' ? { gid: problem.gid } : { variable: problem.variable };
      ctx.report({ range: ctx.file.source.rangeOf(value.start, value.end), messageId: problem.kind, data });
    }
  },
  fix(ctx) {
    const file = ctx.file;
    const found = runOptionAt(file, file.source.offsetAt(ctx.finding.range.start), '--group-add');
    const value = found?.option.value;
    const problem = value && problemOf(file, value);
    if (!found || !value || !problem) return [];
    const variable = problem.kind === 'literal' ? DEFAULT_VARIABLE : problem.variable;
    // A second hard-coded GID next to the render group is some other group: not this fix's to guess.
    if (problem.kind === 'literal' && usesVariable(found.cmd, variable)) return [];
    const detection = gidDetectionEdits(file, found.cmd, variable, RENDER_GROUP);
    if (!detection) return [];
    const use = `"$${variable}"`;
    const edits = value.raw === use ? detection : [...detection, replaceText(file, value.start, value.end, use)];
    return [{ title: `Detect ${variable} with getent group render and use "$${variable}"`, preferred: true, edits }];
  },
});

function usesVariable(cmd: EngineCommand, variable: string): boolean {
  return cmd.options.some((o) => o.name === '--group-add' && o.value && VARIABLE_USE.exec(o.value.value)?.slice(1).includes(variable));
}
