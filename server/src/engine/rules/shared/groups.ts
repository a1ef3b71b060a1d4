// Supplementary groups as `--group-add` and `group_add` give them. podman and docker look a group
// *name* up in the container's own /etc/group, not the host's: a name the image does not define
// stops the container from starting ("unable to find group render"). Numbers are passed through.

import { Run } from 'dockerfile-ast';
import { finalStage } from '../../parse/dockerfile';
import type { Project } from '../../project';
import { basenameUri } from '../../uri';
import { runScript } from '../dockerfile/shared/run-script';
import { inheritedInstructions } from '../dockerfile/shared/stages';

/** The groups of Debian's base-passwd `/etc/group`: every Debian or Ubuntu based image has them. */
export const DEBIAN_BASE_GROUPS: ReadonlySet<string> = new Set([
  'root', 'daemon', 'bin', 'sys', 'adm', 'tty', 'disk', 'lp', 'mail', 'news', 'uucp', 'man', 'proxy', 'kmem',
  'dialout', 'fax', 'voice', 'cdrom', 'floppy', 'tape', 'sudo', 'audio', 'dip', 'www-data', 'backup', 'operator',
  'list', 'irc', 'src', 'gnats', 'shadow', 'utmp', 'video', 'sasl', 'plugdev', 'staff', 'games', 'users', 'nogroup',
]);

/** podman's `--group-add keep-groups`: the calling user's own supplementary groups, not a name to look up. */
export const KEEP_GROUPS = 'keep-groups';

/** The group that owns the GPU's render nodes (`/dev/dri/renderD128`) on current hosts. */
export const RENDER_GROUP = 'render';

/** What `groupadd`/`addgroup` accept as a name (a trailing `$` is allowed for machine accounts). */
const GROUP_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*\$?$/;
const GROUP_CREATORS = new Set(['groupadd', 'addgroup']);

/** A literal group name that a Debian-based image does not define (numbers, variables and keep-groups are not names). */
export function isForeignGroupName(value: string): boolean {
  return GROUP_NAME.test(value) && value !== KEEP_GROUPS && !DEBIAN_BASE_GROUPS.has(value);
}

/** The variable that carries a group's host GID: `render` → `RENDER_GID`. */
export function gidVariable(group: string): string {
  return `${group.toUpperCase().replace(/[^A-Z0-9_]/g, '_')}_GID`;
}

/**
 * Whether the image the Dockerfile builds defines `group` itself: a RUN of its final stage (or
 * a stage it is built on) runs `groupadd … <group>` or `addgroup … <group>`.
 */
export function imageCreatesGroup(project: Project, dockerfileUri: string | undefined, group: string): boolean {
  const dockerfile = project.dockerfile(dockerfileUri);
  const stage = dockerfile && finalStage(dockerfile);
  if (!dockerfile || !stage) return false;
  return inheritedInstructions(dockerfile, stage).some((instruction) => {
    if (!(instruction instanceof Run)) return false;
    const commands = runScript(dockerfile, instruction)?.commands ?? [];
    return commands.some((c) => {
      const [program, ...args] = c.words.map((w) => w.value);
      return program !== undefined && GROUP_CREATORS.has(basenameUri(program)) && args[args.length - 1] === group;
    });
  });
}
