// A path that compose or a run script mounts into the image's working tree, but that the image
// never creates, is created by the engine at run time, owned by root: an unprivileged user then
// cannot write there, and the image alone does not show the layout the application expects.

import { Run, type Instruction } from 'dockerfile-ast';
import { insertLinesAfter, shellWord } from '../../edit/dockerfile';
import type { ParsedDockerfile, Stage } from '../../parse/dockerfile';
import type { Word } from '../../parse/shell';
import type { Mount, Project } from '../../project';
import { defineRule } from '../../rule';
import type { RelatedLocation } from '../../types';
import { basenameUri } from '../../uri';
import { argumentsOf } from './shared/copies';
import { runScript } from './shared/run-script';
import { environmentAt, normalizePath, resolveAgainst, resolvePath, stageChain, workdirAt } from './shared/stages';

/** A target that names a file (`/app/config.toml`), which a bind mount brings by itself. */
const FILE_LIKE = /\/[^/.][^/]*\.[A-Za-z0-9]{1,8}$/;

interface MkdirArg {
  word: Word;
  /** Absolute, normalised. */
  path: string;
  /** The RUN's working directory, for writing a sibling in the same (relative) style. */
  workdir: string | undefined;
  command: { end: number };
}

interface Layout {
  stage: Stage;
  workdir: string;
  created: string[];
  mkdirs: MkdirArg[];
}

function expandBraces(s: string): string[] {
  const m = /^(.*?)\{([^{}]*,[^{}]*)\}(.*)$/.exec(s);
  return m ? m[2].split(',').flatMap((part) => expandBraces(m[1] + part + m[3])) : [s];
}

/** The directory arguments of `mkdir …` and `install -d …`. */
function directoryArgs(words: Word[]): Word[] {
  const name = basenameUri(words[0]?.value ?? '');
  const withValue = name === 'mkdir' ? ['-m', '--mode', '--context'] : ['-m', '-o', '-g', '--mode', '--owner', '--group', '-t', '--target-directory', '-S', '--suffix'];
  if (name === 'install' && !words.some((w) => w.value === '-d' || w.value === '--directory' || /^-[a-zA-Z]*d[a-zA-Z]*$/.test(w.value))) return [];
  if (name !== 'mkdir' && name !== 'install') return [];
  const out: Word[] = [];
  for (let i = 1; i < words.length; i++) {
    const v = words[i].value;
    if (withValue.includes(v)) i++;
    else if (!v.startsWith('-')) out.push(words[i]);
  }
  return out;
}

/** What the final image is sure to contain under its working directory. */
function layout(file: ParsedDockerfile): Layout | undefined {
  const stage = file.stages[file.stages.length - 1];
  if (!stage) return undefined;
  const workdir = workdirAt(file, stage);
  if (!workdir || workdir === '/') return undefined;
  const created: string[] = [];
  const mkdirs: MkdirArg[] = [];
  for (const s of stageChain(file, stage)) {
    for (const i of s.instructions) {
      const line = i.getRange().start.line;
      const keyword = i.getKeyword();
      if (keyword !== 'WORKDIR' && keyword !== 'COPY' && keyword !== 'ADD' && keyword !== 'VOLUME' && !(i instanceof Run)) continue;
      const dir = workdirAt(file, s, line);
      const env = environmentAt(file, s, line);
      const path = (p: string) => {
        const resolved = resolvePath(p, env);
        return resolved === undefined ? undefined : resolveAgainst(dir, resolved);
      };
      if (keyword === 'WORKDIR') {
        const w = workdirAt(file, s, line + 1);
        if (w) created.push(w);
      } else if (keyword === 'COPY' || keyword === 'ADD' || keyword === 'VOLUME') {
        const args = argumentsOf(i);
        const targets = keyword === 'VOLUME' ? args : args.slice(-1);
        for (const t of targets) {
          const p = path(t);
          if (p) created.push(p);
        }
      } else if (i instanceof Run) {
        for (const command of runScript(file, i)?.commands ?? []) {
          for (const word of directoryArgs(command.words)) {
            for (const expanded of expandBraces(word.value)) {
              const p = path(expanded);
              if (!p) continue;
              created.push(p);
              if (basenameUri(command.words[0].value) === 'mkdir') mkdirs.push({ word, path: p, workdir: dir, command });
            }
          }
        }
      }
    }
  }
  return { stage, workdir, created, mkdirs };
}

interface Missing {
  target: string;
  mounts: Mount[];
}

/** Mount targets inside the working tree that the image does not create, with their mounts. */
function missing(file: ParsedDockerfile, project: Project): { layout: Layout; missing: Missing[] } | undefined {
  const uri = file.source.uri;
  const mounts = [...project.servicesRunning(uri).flatMap((s) => s.mounts), ...project.runsOf(uri).flatMap((r) => r.mounts)];
  if (!mounts.length) return undefined;
  const l = layout(file);
  if (!l) return undefined;
  const byTarget = new Map<string, Mount[]>();
  for (const m of mounts) {
    if (m.target.includes('$') || !m.target.startsWith('/') || FILE_LIKE.test(m.target)) continue;
    const target = normalizePath(m.target);
    if (!target.startsWith(l.workdir + '/')) continue;
    if (l.created.some((c) => c === target || c.startsWith(target + '/'))) continue;
    byTarget.set(target, [...(byTarget.get(target) ?? []), m]);
  }
  return { layout: l, missing: [...byTarget].map(([target, ms]) => ({ target, mounts: ms })) };
}

function parentOf(path: string): string {
  return path.slice(0, path.lastIndexOf('/')) || '/';
}

/** The `mkdir` argument that creates a sibling of `target` (the last one, nearest the image's end). */
function siblingMkdir(l: Layout, target: string): MkdirArg | undefined {
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
