// `--group-add render` reads like "the host's render group", but podman and docker look the name
// up in the container's /etc/group. Debian-based images define only the base groups (video,
// audio, …), so the run fails with "unable to find group render". The script can ask the host for
// the GID when it runs; under rootless podman, keep-groups passes the user's own groups instead.

import { replaceOptionValue } from '../../edit/shell';
import type { EngineCommand } from '../../parse/engine-cli';
import type { ParsedScript } from '../../parse/script';
import type { Project } from '../../project';
import { defineRule } from '../../rule';
import type { Fix, HostFacts } from '../../types';
import { gidVariable, imageCreatesGroup, isForeignGroupName, KEEP_GROUPS } from '../shared/groups';
import { gidDetectionEdits } from './shared/gid-detection';
import { runOptions } from './shared/runs';

/** Whether the run is podman's: written so, or through a variable on a host whose engine is podman. */
function isPodman(cmd: EngineCommand, host: HostFacts): boolean {
  return cmd.engine === 'podman' || (cmd.engine === undefined && host.engine === 'podman');
}

/** The `--group-add` options of the script's runs that name a group the run's image does not create. */
function namedGroups(file: ParsedScript, project: Project) {
  return runOptions(file, '--group-add').filter(({ cmd, option }) => {
    const value = option.value;
    if (!value || value.hasExpansion || !isForeignGroupName(value.value)) return false;
    const image = project.runs.find((r) => r.cmd === cmd)?.image;
    return !imageCreatesGroup(project, image ? project.builtImages.get(image) : undefined, value.value);
  });
}

export default defineRule({
  meta: {
    id: 'script/group-add-name',
    language: 'shell',
    severity: 'warning',
    description: '`--group-add` gives groups that the image does not define (such as `render`) by the host\'s GID, not by name.',
    messages: {
      name: '`--group-add {{group}}` names a group, which podman and docker look up inside the container; Debian-based images have no `{{group}}` group, so the run fails ("unable to find group {{group}}"). Give the host\'s GID instead.',
    },
  },
  check(ctx) {
    for (const { option } of namedGroups(ctx.file, ctx.project)) {
      const value = option.value!;
      ctx.report({ range: ctx.file.source.rangeOf(value.start, value.end), messageId: 'name', data: { group: value.value } });
    }
  },
  fix(ctx) {
    const { file } = ctx;
    const offset = file.source.offsetAt(ctx.finding.range.start);
    const found = namedGroups(file, ctx.project).find(({ option }) => option.value!.start === offset);
    if (!found) return [];
    const group = found.option.value!.value;
    const variable = gidVariable(group);
    const fixes: Fix[] = [];
    const detection = gidDetectionEdits(file, found.cmd, variable, group);
    const use = replaceOptionValue(file, found.option, `"$${variable}"`);
    if (detection && use) fixes.push({ title: `Detect ${variable} with getent group ${group} and use "$${variable}"`, preferred: true, edits: [...detection, use] });
    // keep-groups cannot be combined with other groups.
    const onlyGroup = found.cmd.options.filter((o) => o.name === '--group-add').length === 1;
    const keepGroups = onlyGroup && isPodman(found.cmd, ctx.host) ? replaceOptionValue(file, found.option, KEEP_GROUPS) : undefined;
    if (keepGroups) fixes.push({ title: `Use ${KEEP_GROUPS} (rootless podman: the container keeps your own groups, ${group} among them)`, preferred: false, edits: [keepGroups] });
    return fixes;
  },
});
