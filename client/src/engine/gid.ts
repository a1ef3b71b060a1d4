// The host's `render` group id: what a container needs in --group-add / RENDER_GID to open
// /dev/dri/renderD*. Read with `getent` (sees LDAP/sssd groups too), falling back to /etc/group.

import { succeeded, type ProcessRunner } from './process';

export const RENDER_GROUP = 'render';

export interface GroupEntry {
  name: string;
  gid: number;
  members: string[];
}

/** One `name:password:gid:members` line, as in /etc/group and `getent group` output. */
export function parseGroupLine(line: string): GroupEntry | undefined {
  const fields = line.trim().split(':');
  if (fields.length < 3 || !fields[0] || fields[0].startsWith('#')) return undefined;
  if (!/^\d+$/.test(fields[2])) return undefined;
  return { name: fields[0], gid: Number(fields[2]), members: fields[3] ? fields[3].split(',').filter(Boolean) : [] };
}

/** The gid of `group` in a group database text (getent output or /etc/group). */
export function findGroupGid(text: string, group: string): number | undefined {
  for (const line of text.split(/\r?\n/)) {
    const entry = parseGroupLine(line);
    if (entry?.name === group) return entry.gid;
  }
  return undefined;
}

export interface GidLookup {
  gid?: number;
  /** Where the answer came from, for the output channel. */
  source: 'getent' | '/etc/group' | 'none';
}

export async function detectGroupGid(
  group: string,
  runner: ProcessRunner,
  readGroupFile: () => Promise<string | undefined>,
): Promise<GidLookup> {
  const getent = await runner.run({ argv: ['getent', 'group', group] });
  if (succeeded(getent)) {
    const gid = findGroupGid(getent.stdout, group);
    if (gid !== undefined) return { gid, source: 'getent' };
  }
  // getent exits 2 for "no such group"; only fall back when getent itself is missing or broken.
  if (getent.exitCode === 2) return { source: 'none' };
  const text = await readGroupFile();
  const gid = text === undefined ? undefined : findGroupGid(text, group);
  return gid === undefined ? { source: 'none' } : { gid, source: '/etc/group' };
}
