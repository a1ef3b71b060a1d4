// A path that compose or a run script mounts into the image's working tree, but that the image
// never creates, is created by the engine at run time, owned by root: an unprivileged user then
// cannot write there, and the image alone does not show the layout the application expects.

import { Copy, Run, type Instruction } from 'dockerfile-ast';
import { scalarString } from '../../parse/compose';
import { insertLinesAfter, shellWord } from '../../edit/dockerfile';
import type { ParsedDockerfile, Stage } from '../../parse/dockerfile';
import type { Mount, Project } from '../../project';
import { defineRule } from '../../rule';
import type { RelatedLocation } from '../../types';
import { basenameUri, dirnameUri, joinUri, relativeUri, safeDecode } from '../../uri';
import { mergedGet } from '../compose/shared/lookup';
import { argumentsOf } from './shared/copies';
import { createdPaths, type CommandCreation } from './shared/created-paths';
import { imageMounts, type ImageMount } from './shared/image-mounts';
import { runScript } from './shared/run-script';
import { builtStage, inheritedInstructions, resolveAgainst, workdirAt } from './shared/stages';

interface Layout {
  stage: Stage;
  workdir: string;
  created: string[];
  /** Folders a package install creates without naming them (`npm ci` → `node_modules`). */
  filled: string[];
  /** Where whole-context copies put the build context (`COPY . /code` → /code). */
  contextCopies: string[];
  mkdirs: CommandCreation[];
}

const PACKAGE_INSTALL = /^(npm (ci|install|i)|yarn( install)?|pnpm (install|i))$/;

/** `node_modules` of every `npm ci`, `yarn` or `pnpm install`: the image has it, though no instruction names it. */
function installedModuleFolders(file: ParsedDockerfile, stage: Stage): string[] {
  return inheritedInstructions(file, stage)
    .filter((i): i is Run => i instanceof Run)
    .flatMap((run) =>
      (runScript(file, run)?.commands ?? [])
        .map((c) => c.words.map((w) => w.value).filter((w) => !w.startsWith('-')))
        .filter((words) => PACKAGE_INSTALL.test(words.slice(0, 2).join(' ')) || (words.length === 1 && words[0] === 'yarn'))
        .map(() => resolveAgainst(workdirAt(file, stage, run.getRange().start.line), 'node_modules')),
    );
}

function wholeContextCopies(file: ParsedDockerfile, stage: Stage): string[] {
  return inheritedInstructions(file, stage)
    .filter((i) => (i.getKeyword() === 'COPY' || i.getKeyword() === 'ADD') && !(i instanceof Copy && i.getFromFlag()))
    .flatMap((i) => {
      const args = argumentsOf(i);
      const fromContext = args.length > 1 && args.slice(0, -1).some((a) => a === '.' || a === './');
      return fromContext ? [resolveAgainst(workdirAt(file, stage, i.getRange().start.line), args[args.length - 1])] : [];
    });
}

/**
 * A compose bind mount of a folder of the build context onto the place a whole-context COPY put
 * that same folder (`./backend/src:/code/src` with `COPY . /code`): the live-reload pattern. The
 * image has the folder whenever the project has it, which the files here cannot show; unless the
 * image lays out its other mounted folders itself, say nothing.
 */
function remountsContextFolder(m: ImageMount, l: Layout): boolean {
  if (!('service' in m.by) || m.mount.kind !== 'bind' || !m.mount.source || !m.by.service.contextUri) return false;
  const source = joinUri(dirnameUri(m.by.service.file.source.uri), m.mount.source);
  const inContext = relativeUri(safeDecode(m.by.service.contextUri), source);
  if (inContext === source || inContext === '' || inContext.startsWith('..')) return false;
  const parent = m.target.slice(0, m.target.lastIndexOf('/'));
  const laidOut = l.mkdirs.some((d) => d.path.slice(0, d.path.lastIndexOf('/')) === parent);
  return !laidOut && l.contextCopies.some((d) => resolveAgainst(d, inContext) === m.target);
}

/** What the image of `stage` is sure to contain, when it has a working directory. */
function layout(file: ParsedDockerfile, stage: Stage): Layout | undefined {
  const workdir = workdirAt(file, stage);
  if (!workdir || workdir === '/') return undefined;
  const paths = createdPaths(file, stage);
  return { stage, workdir, created: paths.map((p) => p.path), filled: installedModuleFolders(file, stage), contextCopies: wholeContextCopies(file, stage), mkdirs: paths.filter((p): p is CommandCreation => p.kind === 'mkdir') };
}

/** The stage a mount's container runs: the compose service's `build.target`, else the last one. */
function stageOf(file: ParsedDockerfile, m: ImageMount): Stage | undefined {
  const target = 'service' in m.by ? scalarString(mergedGet(m.by.service.file, m.by.service.service.map, 'build', 'target')) : undefined;
  return builtStage(file, target);
}

interface Missing {
  target: string;
  mounts: Mount[];
  layout: Layout;
}

/**
 * Mount targets inside the working tree that the image the mount runs does not create, with
 * their mounts. Read-only mounts are left out: nothing writes there, so no owner matters.
 */
function missing(file: ParsedDockerfile, project: Project): Missing[] {
  const layouts = new Map<Stage, Layout | undefined>();
  const byTarget = new Map<string, Missing>();
  for (const m of imageMounts(file, project)) {
    if (m.mount.readOnly) continue;
    const stage = stageOf(file, m);
    if (!stage) continue;
    if (!layouts.has(stage)) layouts.set(stage, layout(file, stage));
    const l = layouts.get(stage);
    const target = m.target;
    if (!l || !target.startsWith(l.workdir + '/')) continue;
    if (l.created.some((c) => c === target || c.startsWith(target + '/')) || l.filled.some((f) => target === f || target.startsWith(f + '/'))) continue;
    if (remountsContextFolder(m, l)) continue;
    const key = `${file.stages.indexOf(stage)} ${target}`;
    if (!byTarget.has(key)) byTarget.set(key, { target, mounts: [], layout: l });
    byTarget.get(key)!.mounts.push(m.mount);
  }
  return [...byTarget.values()];
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
    for (const m of missing(ctx.file, ctx.project)) {
      const l = m.layout;
      const sibling = siblingMkdir(l, m.target);
      const source = ctx.file.source;
      const range = sibling ? source.rangeOf(sibling.word.start, sibling.word.end) : lastWorkdir(l).getRange();
      const related: RelatedLocation[] = m.mounts.map((mount) => ({ uri: mount.uri, range: mount.range, message: `${m.target} is mounted here` }));
      const by = [...new Set(m.mounts.map((mount) => basenameUri(mount.uri)))].join(' and ');
      ctx.report({ range, messageId: 'notCreated', data: { target: m.target, by }, related, fixData: { target: m.target } });
    }
  },
  fix(ctx) {
    const target = ctx.finding.data.target;
    const found = missing(ctx.file, ctx.project).find((m) => m.target === target);
    if (!found || typeof target !== 'string') return [];
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
