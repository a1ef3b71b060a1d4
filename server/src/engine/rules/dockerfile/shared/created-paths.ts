// The paths an image is sure to contain because its Dockerfile creates them: WORKDIR, the
// destinations of COPY and ADD, VOLUME, and the folders of `mkdir` and `install -d`.

import { Run, type Instruction } from 'dockerfile-ast';
import type { ParsedDockerfile, Stage } from '../../../parse/dockerfile';
import type { SimpleCommand, Word } from '../../../parse/shell';
import { basenameUri } from '../../../uri';
import { argumentsOf } from './copies';
import { runScript } from './run-script';
import { environmentAt, resolveAgainst, resolvePath, stageChain, workdirAt } from './stages';

interface Creation {
  /** Absolute, normalised. */
  path: string;
  instruction: Instruction;
  /** The working directory of the instruction, for writing a sibling in the same (relative) style. */
  workdir: string | undefined;
}

/** A folder that `mkdir` or `install -d` creates: with the argument and its command. */
export interface CommandCreation extends Creation {
  kind: 'mkdir' | 'install';
  word: Word;
  command: SimpleCommand;
}

export type CreatedPath = (Creation & { kind: 'workdir' | 'copy' | 'volume' }) | CommandCreation;

/** `a/{b,c}` → `a/b`, `a/c`, the way the shell expands the folders of a `mkdir`. */
export function expandBraces(s: string): string[] {
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

/** What the image of `stage` is sure to contain, in build order (its parent stages first). */
export function createdPaths(file: ParsedDockerfile, stage: Stage): CreatedPath[] {
  const created: CreatedPath[] = [];
  for (const s of stageChain(file, stage)) {
    for (const instruction of s.instructions) {
      const line = instruction.getRange().start.line;
      const keyword = instruction.getKeyword();
      if (keyword !== 'WORKDIR' && keyword !== 'COPY' && keyword !== 'ADD' && keyword !== 'VOLUME' && !(instruction instanceof Run)) continue;
      const workdir = workdirAt(file, s, line);
      const env = environmentAt(file, s, line);
      const path = (p: string) => {
        const resolved = resolvePath(p, env);
        return resolved === undefined ? undefined : resolveAgainst(workdir, resolved);
      };
      if (keyword === 'WORKDIR') {
        const w = workdirAt(file, s, line + 1);
        if (w) created.push({ path: w, kind: 'workdir', instruction, workdir });
      } else if (keyword === 'COPY' || keyword === 'ADD' || keyword === 'VOLUME') {
        const args = argumentsOf(instruction);
        const kind = keyword === 'VOLUME' ? 'volume' : 'copy';
        for (const p of (kind === 'volume' ? args : args.slice(-1)).map(path)) if (p) created.push({ path: p, kind, instruction, workdir });
      } else if (instruction instanceof Run) {
        for (const command of runScript(file, instruction)?.commands ?? []) {
          const kind = basenameUri(command.words[0]?.value ?? '') === 'mkdir' ? 'mkdir' : 'install';
          for (const word of directoryArgs(command.words)) {
            for (const p of expandBraces(word.value).map(path)) if (p) created.push({ path: p, kind, instruction, workdir, word, command });
          }
        }
      }
    }
  }
  return created;
}
