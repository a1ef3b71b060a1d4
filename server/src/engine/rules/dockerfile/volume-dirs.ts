// A path that compose or a run script mounts into the image's working tree, but that the image
// never creates, is created by the engine at run time, owned by root: an unprivileged user then
// cannot write there, and the image alone does not show the layout the application expects.

import type { Instruction } from 'dockerfile-ast';
import { insertLinesAfter, shellWord } from '../../edit/dockerfile';
import type { ParsedDockerfile, Stage } from '../../parse/dockerfile';
import type { Mount, Project } from '../../project';
import { defineRule } from '../../rule';
import type { RelatedLocation } from '../../types';
import { basenameUri } from '../../uri';
import { createdPaths, type CommandCreation } from './shared/created-paths';
import { imageMounts } from './shared/image-mounts';
import { workdirAt } from './shared/stages';

interface Layout {
  stage: Stage;
  workdir: string;
  created: string[];
  mkdirs: CommandCreation[];
}

/** What the final image is sure to contain, when it has a working directory. */
function layout(file: ParsedDockerfile): Layout | undefined {
  const stage = file.stages[file.stages.length - 1];
  if (!stage) return undefined;
  const workdir = workdirAt(file, stage);
  if (!workdir || workdir === '/') return undefined;
  const paths = createdPaths(file, stage);
  return { stage, workdir, created: paths.map((p) => p.path), mkdirs: paths.filter((p): p is CommandCreation => p.kind === 'mkdir') };
}

interface Missing {
  target: string;
  mounts: Mount[];
}

/** Mount targets inside the working tree that the image does not create, with their mounts. */
function missing(file: ParsedDockerfile, project: Project): { layout: Layout; missing: Missing[] } | undefined {
  const mounts = imageMounts(file, project);
  if (!mounts.length) return undefined;
  const l = layout(file);
  if (!l) return undefined;
  const byTarget = new Map<string, Mount[]>();
  for (const { target, mount } of mounts) {
    if (!target.startsWith(l.workdir + '/')) continue;
    if (l.created.some((c) => c === target || c.startsWith(target + '/'))) continue;
    byTarget.set(target, [...(byTarget.get(target) ?? []), mount]);
  }
  return { layout: l, missing: [...byTarget].map(([target, ms]) => ({ target, mounts: ms })) };
}

function parentOf(path: string): string {
  return path.slice(0, path.lastIndexOf('/')) || '/';
}

/** The `mkdir` argument that creates a sibling of `target` (the last one, nearest the image's end). */
function siblingMkdir(l: Layout, target: string): CommandCreation | undefined {
  return [...l.mkdirs].reverse().find((m) => parentOf(m.path) === parentOf(target));
}

function lastWorkdir(l: Layout): Instruction {
  return [...l.stage.instructions].reverse().find((i) => i.getKeyword() === 'WORKDIR') ?? l.stage.from;
}

export default defineRule({
  meta: {
    id: 'dockerfile/volume-dirs',
    language: 'dockerfile',
    severity: 'warning',
    description: 'Every path mounted into the image working tree (by compose or a run script) is created in the image.',
    messages: {
      notCreated: '{{target}} is mounted by {{by}} but the image never creates it, so the engine creates it at run time, owned by root; create it in the image (`mkdir -p {{target}}`).',
    },
  },
  check(ctx) {
    const found = missing(ctx.file, ctx.project);
    if (!found) return;
    const l = found.layout;
    for (const m of found.missing) {
      const sibling = siblingMkdir(l, m.target);
      const source = ctx.file.source;
      const range = sibling ? source.rangeOf(sibling.word.start, sibling.word.end) : lastWorkdir(l).getRange();
      const related: RelatedLocation[] = m.mounts.map((mount) => ({ uri: mount.uri, range: mount.range, message: `${m.target} is mounted here` }));
      const by = [...new Set(m.mounts.map((mount) => basenameUri(mount.uri)))].join(' and ');
      ctx.report({ range, messageId: 'notCreated', data: { target: m.target, by }, related, fixData: { target: m.target } });
    }
  },
  fix(ctx) {
    const found = missing(ctx.file, ctx.project);
    const target = ctx.finding.data.target;
    if (!found || typeof target !== 'string' || !found.missing.some((m) => m.target === target)) return [];
    const l = found.layout;
    const sibling = siblingMkdir(l, target);
    const source = ctx.file.source;
    if (sibling) {
      const relative = !sibling.word.value.startsWith('/') && sibling.workdir && target.startsWith(sibling.workdir + '/');
      const word = shellWord(relative ? target.slice(sibling.workdir!.length + 1) : target);
      const at = source.positionAt(sibling.command.end);
      return [{ title: `Create ${target} with the other directories`, preferred: true, edits: [{ uri: source.uri, range: { start: at, end: at }, newText: ` ${word}` }] }];
    }
    return [{ title: `Create ${target} in the image`, preferred: true, edits: [insertLinesAfter(ctx.file, lastWorkdir(l), `RUN mkdir -p ${shellWord(target)}\n`)] }];
  },
});
