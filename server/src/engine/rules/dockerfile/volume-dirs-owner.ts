// A named or anonymous volume starts empty; on first use the engine copies the image's folder into
// it, ownership included. A folder the Dockerfile creates as root therefore stays root's in the
// volume, and a container that runs as another user cannot write there ("permission denied").
// Bind mounts show the host folder instead and are left out.

import { Copy, Run } from 'dockerfile-ast';
import { addFlagEdit, shellWord } from '../../edit/dockerfile';
import { mergedGet, mergedPair, nodeRange } from '../compose/shared/lookup';
import { scalarString } from '../../parse/compose';
import { optionValues } from '../../parse/engine-cli';
import { finalStage, type ParsedDockerfile, type Stage } from '../../parse/dockerfile';
import { resolveValue, type SimpleCommand } from '../../parse/shell';
import type { Project } from '../../project';
import { defineRule } from '../../rule';
import type { Range, RelatedLocation, TextEdit } from '../../types';
import { basenameUri } from '../../uri';
import { createdPaths, expandBraces, type CreatedPath } from './shared/created-paths';
import { imageMounts, type ImageMount } from './shared/image-mounts';
import { runScript } from './shared/run-script';
import { environmentAt, isRootUser, lastInstruction, resolveAgainst, resolvePath, stageChain, stageOf, userAt, workdirAt } from './shared/stages';

interface ContainerUser {
  user: string;
  /** Where the user is set: compose `user:`, a script's `--user`, the Dockerfile's USER. */
  uri: string;
  range: Range;
}

interface RootOwned {
  target: string;
  creation: CreatedPath;
  /** The volume mounts of the target by containers that run as another user than root. */
  mounts: { mount: ImageMount; user: ContainerUser }[];
}

const USER_ADDING = new Set(['useradd', 'adduser']);

/** The user the container of a mount runs as: the service's `user:`, the run's `--user`, else the image's USER. */
function containerUser(file: ParsedDockerfile, stage: Stage, m: ImageMount): ContainerUser | undefined {
  if ('service' in m.by) {
    const { file: compose, service } = m.by.service;
    const node = mergedGet(compose, service.map, 'user');
    const user = scalarString(node);
    if (user && node) return { user, uri: compose.source.uri, range: nodeRange(compose, mergedPair(compose, service.map, 'user')?.key ?? node) };
  } else {
    const option = optionValues(m.by.run.cmd, '--user').pop();
    const word = option?.value;
    if (word) return { user: resolveValue(word.value, m.by.run.file.vars) ?? word.value, uri: m.by.run.file.source.uri, range: m.by.run.file.source.rangeOf(word.start, word.end) };
  }
  const user = userAt(file, stage);
  const instruction = lastInstruction(file, stage, 'USER');
  return user && instruction ? { user, uri: file.source.uri, range: instruction.getRange() } : undefined;
}

/** A mode that lets a group or everyone write (`775`, `1777`, `a+w`, `go+rwX`). */
function othersMayWrite(mode: string): boolean {
  if (/^[0-7]{3,4}$/.test(mode)) return mode.slice(-2).split('').some((d) => (Number(d) & 2) !== 0);
  return mode.split(',').some((clause) => {
    const m = /^([ugoa]*)[+=]([rwxXst]*)$/.exec(clause);
    return !!m && /[goa]/.test(m[1]) && m[2].includes('w');
  });
}

/** The value of a command's option: `-m 775`, `-m775`, `--mode=775`, `--mode 775`. */
function optionValue(command: SimpleCommand, short: string, long: string): string | undefined {
  const words = command.words.map((w) => w.value);
  for (let i = 1; i < words.length; i++) {
    if (words[i] === short || words[i] === long) return words[i + 1];
    if (words[i].startsWith(long + '=')) return words[i].slice(long.length + 1);
    if (words[i].startsWith(short) && words[i].length > short.length && !words[i].startsWith('--')) return words[i].slice(short.length);
  }
  return undefined;
}

/** Whether the creation leaves the folder root's and closed to others. */
function createdByRoot(file: ParsedDockerfile, c: CreatedPath): boolean {
  const stage = stageOf(file, c.instruction)!;
  const runsAsRoot = isRootUser(userAt(file, stage, c.instruction.getRange().start.line));
  if (c.kind === 'mkdir' || c.kind === 'install') {
    const mode = optionValue(c.command, '-m', '--mode');
    if (mode && othersMayWrite(mode)) return false;
    const owner = c.kind === 'install' ? optionValue(c.command, '-o', '--owner') : undefined;
    return owner ? isRootUser(owner) : runsAsRoot;
  }
  if (c.kind === 'copy') {
    const chown = c.instruction instanceof Copy ? c.instruction.getFlags().find((f) => f.getName().toLowerCase() === 'chown')?.getValue() : undefined;
    return chown === undefined || chown === null || isRootUser(chown);
  }
  // A VOLUME creates its folder as root; so does a WORKDIR while the user is root.
  return c.kind === 'volume' || runsAsRoot;
}

/** The commands of the chain's RUNs that run after the creation (in its own RUN, those after its command). */
function commandsAfter(file: ParsedDockerfile, stage: Stage, creation: CreatedPath): { command: SimpleCommand; run: Run; stage: Stage }[] {
  const instructions = stageChain(file, stage).flatMap((s) => s.instructions.map((i) => ({ i, s })));
  const from = instructions.findIndex(({ i }) => i === creation.instruction);
  const since = creation.kind === 'mkdir' || creation.kind === 'install' ? creation.command.end : -1;
  return instructions.slice(from).flatMap(({ i, s }) =>
    i instanceof Run ? (runScript(file, i)?.commands ?? []).filter((command) => i !== creation.instruction || command.start > since).map((command) => ({ command, run: i, stage: s })) : [],
  );
}

/**
 * Whether a later `chown` or `chmod` gives the folder away or opens it: the command names it, or a
 * folder above it recursively, or a path that cannot be resolved (it may be either).
 */
function releasedLater(file: ParsedDockerfile, stage: Stage, creation: CreatedPath, target: string): boolean {
  for (const { command, run, stage: s } of commandsAfter(file, stage, creation)) {
    const name = basenameUri(command.words[0]?.value ?? '');
    if (name !== 'chown' && name !== 'chmod' && name !== 'chgrp') continue;
    const args = command.words.slice(1).map((w) => w.value);
    const recursive = args.some((a) => a === '-R' || a === '--recursive' || /^-[a-zA-Z]*R/.test(a));
    const [first, ...paths] = args.filter((a) => !a.startsWith('-') || /^-[rwxXst]/.test(a));
    if (first === undefined || args.some((a) => a.startsWith('--reference'))) continue;
    const line = run.getRange().start.line;
    const env = environmentAt(file, s, line);
    const covers = paths.flatMap(expandBraces).some((p) => {
      const resolved = resolvePath(p, env);
      if (resolved === undefined || /[*?[]/.test(resolved)) return true;
      const path = resolveAgainst(workdirAt(file, s, line), resolved);
      return path === target || (recursive && target.startsWith(path === '/' ? '/' : path + '/'));
    });
    if (!covers) continue;
    if (name === 'chown' && !isRootUser(first)) return true;
    if (name === 'chgrp' || (name === 'chmod' && othersMayWrite(first))) return true;
  }
  return false;
}

function findings(file: ParsedDockerfile, project: Project): RootOwned[] {
  const stage = finalStage(file);
  const mounts = imageMounts(file, project).filter((m) => m.mount.kind !== 'bind');
  if (!stage || !mounts.length) return [];
  const created = createdPaths(file, stage);
  const byTarget = new Map<string, RootOwned>();
  for (const m of mounts) {
    const user = containerUser(file, stage, m);
    if (!user || isRootUser(user.user)) continue;
    const creation = created.find((c) => c.path === m.target || c.path.startsWith(m.target + '/'));
    if (!creation || !createdByRoot(file, creation) || releasedLater(file, stage, creation, m.target)) continue;
    if (!byTarget.has(m.target)) byTarget.set(m.target, { target: m.target, creation, mounts: [] });
    byTarget.get(m.target)!.mounts.push({ mount: m, user });
  }
  return [...byTarget.values()];
}

function creationRange(file: ParsedDockerfile, c: CreatedPath): Range {
  return c.kind === 'mkdir' || c.kind === 'install' ? file.source.rangeOf(c.word.start, c.word.end) : c.instruction.getRange();
}

/** The one user every mount of the findings runs as, when they agree and it can be written in the Dockerfile. */
function chownUser(found: RootOwned[]): string | undefined {
  const users = new Set(found.flatMap((f) => f.mounts.map((m) => m.user.user)));
  const [user] = users;
  return users.size === 1 && !/[$`]/.test(user) ? user : undefined;
}

/** Whether a `useradd`/`adduser` after the creation makes the user: a `chown` at the creation would not know it yet. */
function userMadeLater(file: ParsedDockerfile, stage: Stage, creation: CreatedPath, user: string): boolean {
  const name = user.split(':')[0];
  return commandsAfter(file, stage, creation).some(({ command }) => USER_ADDING.has(basenameUri(command.words[0]?.value ?? '')) && command.words.some((w) => w.value === name));
}

export default defineRule({
  meta: {
    id: 'dockerfile/volume-dirs-owner',
    language: 'dockerfile',
    severity: 'warning',
    description: 'A folder that a named or anonymous volume mounts belongs to the user the container runs as, not root.',
    messages: {
      rootOwned: '{{target}} is created by root, and the volume mounted there ({{by}}) takes that ownership on first use, but the container runs as {{user}}: writes there fail with "permission denied". Give the folder to {{user}} where it is created.',
    },
  },
  check(ctx) {
    const { file, project } = ctx;
    for (const f of findings(file, project)) {
      const related: RelatedLocation[] = f.mounts.flatMap(({ mount, user }) => [
        { uri: mount.mount.uri, range: mount.mount.range, message: `${mount.mount.kind === 'volume' ? `volume ${mount.mount.source}` : 'an anonymous volume'} mounts ${f.target} here` },
        { uri: user.uri, range: user.range, message: `the container runs as ${user.user}` },
      ]);
      const users = [...new Set(f.mounts.map((m) => m.user.user))].join(' and ');
      const by = [...new Set(f.mounts.map((m) => basenameUri(m.mount.mount.uri)))].join(' and ');
      ctx.report({ range: creationRange(file, f.creation), messageId: 'rootOwned', data: { target: f.target, by, user: users }, related, fixData: { target: f.target } });
    }
  },
  fix(ctx) {
    const { file, project } = ctx;
    const stage = finalStage(file);
    const all = findings(file, project);
    const found = all.find((f) => f.target === ctx.finding.data.target);
    if (!stage || !found) return [];
    const c = found.creation;
    let edit: TextEdit | undefined;
    if (c.kind === 'mkdir' || c.kind === 'install') {
      // Every folder of this command that needs the same user gets it in one chown.
      const siblings = all.filter((f) => f.creation.kind === c.kind && 'command' in f.creation && f.creation.command === c.command);
      const user = chownUser(siblings);
      if (!user || (c.instruction instanceof Run && runScript(file, c.instruction)?.execForm) || userMadeLater(file, stage, c, user)) return [];
      const recursive = siblings.some((f) => f.creation.path !== f.target) ? '-R ' : '';
      const at = file.source.positionAt(c.command.end);
      edit = { uri: file.source.uri, range: { start: at, end: at }, newText: ` && chown ${recursive}${shellWord(user)} ${siblings.map((f) => shellWord(f.target)).join(' ')}` };
    } else if (c.kind === 'copy' && c.path === found.target && c.instruction instanceof Copy) {
      const user = chownUser([found]);
      edit = user && !c.instruction.getFlags().some((f) => f.getName().toLowerCase() === 'chown') ? addFlagEdit(file, c.instruction, `--chown=${user}`, true) : undefined;
    }
    return edit ? [{ title: `Give ${found.target} to ${chownUser([found])}`, preferred: true, edits: [edit] }] : [];
  },
});
