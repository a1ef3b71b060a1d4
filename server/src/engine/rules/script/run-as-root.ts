// `--user root` (or 0, 0:0, root:root) gives the container's process root rights: files it writes
// to bind mounts belong to root on the host (or to the user's subordinate root under rootless
// podman), and anything that escapes the container starts as root.

import { resolveValue } from '../../parse/shell';
import { replaceOptionValue } from '../../edit/shell';
import { defineRule } from '../../rule';
import type { EngineCommand } from '../../parse/engine-cli';
import { basenameUri } from '../../uri';
import { runOptionAt, runOptions } from './shared/runs';

/** `root` or uid 0, with any group. */
const ROOT_USER = /^(root|0)(:.*)?$/;
const CALLING_USER = '"$(id -u):$(id -g)"';
/** A container run only to change owners or modes (of a volume, before the real run) needs root for it. */
const OWNERSHIP_COMMANDS = new Set(['chown', 'chmod', 'chgrp', 'setfacl']);

function changesOwnership(cmd: EngineCommand): boolean {
  const program = cmd.positionals[1]?.value;
  return program !== undefined && OWNERSHIP_COMMANDS.has(basenameUri(program));
}

export default defineRule({
  meta: {
    id: 'script/run-as-root',
    language: 'shell',
    severity: 'error',
    description: 'Containers started by the script do not run as root (`--user root`, `-u 0`, `--user 0:0`).',
    messages: {
      root: '`--user {{user}}` runs the container as root: files it writes to mounted folders belong to root, and a process that breaks out of the container has root rights.',
    },
  },
  check(ctx) {
    for (const { cmd, option } of runOptions(ctx.file, '--user')) {
      if (changesOwnership(cmd)) continue;
      const value = option.value;
      const user = value && resolveValue(value.value, ctx.file.vars);
      if (!value || user === undefined || !ROOT_USER.test(user)) continue;
      ctx.report({ range: ctx.file.source.rangeOf(value.start, value.end), messageId: 'root', data: { user: value.raw } });
    }
  },
  fix(ctx) {
    const found = runOptionAt(ctx.file, ctx.file.source.offsetAt(ctx.finding.range.start), '--user');
    if (!found) return [];
    const runUser = ctx.options.runUser;
    const fixes = [
      { title: `Run as ${runUser}`, preferred: true, edit: replaceOptionValue(ctx.file, found.option, runUser) },
      { title: 'Run as the user who starts the script ($(id -u):$(id -g))', preferred: false, edit: replaceOptionValue(ctx.file, found.option, CALLING_USER) },
    ];
    return fixes.flatMap(({ title, preferred, edit }) => (edit ? [{ title, preferred, edits: [edit] }] : []));
  },
});
