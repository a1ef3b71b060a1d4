// What COPY and ADD bring into the image: their arguments, the instruction (or a RUN's bind
// mount) that brings a file of the build context in before a RUN, and edits that bring one in.

import { Copy, JSONInstruction, type Instruction, type Run } from 'dockerfile-ast';
import { addFlagEdit, insertLinesBefore, lineAboveComments } from '../../../edit/dockerfile';
import type { ParsedDockerfile, Stage } from '../../../parse/dockerfile';
import type { TextEdit } from '../../../types';
import { mountsOf, mountTarget } from './run-script';
import { inheritedInstructions, resolveAgainst, stageOf, workdirAt } from './stages';

/** The arguments of a COPY, ADD or VOLUME without its flags, in either form (`["a", "b"]` or `a b`). */
export function argumentsOf(i: Instruction): string[] {
  const json = /^\s*\[/.test(i.getArgumentsContent() ?? '');
  if (json) {
    try {
      const parsed: unknown = JSON.parse(i.getArgumentsContent()!);
      return Array.isArray(parsed) ? parsed.map(String) : [];
    } catch {
      return [];
    }
  }
  return i.getArguments().map((a) => a.getValue()).filter((v) => !v.startsWith('--'));
}

/** Whether a COPY/ADD source (or a bind mount's source) brings `name` from the context root. */
export function bringsIn(source: string, name: string): boolean {
  const s = source.replace(/^\.\//, '').replace(/\/$/, '');
  if (s === '' || s === '.' || s === name) return true;
  if (!/[*?[]/.test(s)) return false;
  const pattern = s.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]');
  try {
    return new RegExp(`^${pattern}$`).test(name);
  } catch {
    // A malformed pattern (`uv.l[ock`, half typed) matches nothing: the build rejects it too.
    return false;
  }
}

/** A folder source (`.`) puts its contents in the destination; a file source goes into it, or becomes it. */
function landsIn(source: string, destination: string, folder: string, name: string): boolean {
  const whole = /^(\.?\/?)$/.test(source);
  return destination === folder || (!whole && destination === `${folder}/${name}`);
}

export interface CopyOf {
  instruction: Instruction;
  /**
   * The source argument that names the file exactly, when it does and the destination is a
   * folder: an insertion point for another file.
   */
  exact?: { end: number };
}

/**
 * The COPY/ADD (or the RUN's own bind mount) that brings `name` from the build context into the
 * build before the RUN; with `into`, only one that puts it in that folder of the image.
 */
export function copyOf(file: ParsedDockerfile, stage: Stage, run: Run, name: string, into?: string): CopyOf | undefined {
  const at = (i: Instruction) => workdirAt(file, stageOf(file, i) ?? stage, i.getRange().start.line);
  for (const m of mountsOf(run)) {
    const source = m.options.get('source') ?? m.options.get('src') ?? '.';
    if ((m.options.get('type') ?? '') !== 'bind' || !bringsIn(source, name)) continue;
    const target = mountTarget(m.options);
    if (into === undefined || (target !== undefined && landsIn(source, resolveAgainst(at(run), target), into, name))) return { instruction: run };
  }
  const before = inheritedInstructions(file, stage, run.getRange().start.line).reverse();
  for (const i of before) {
    const keyword = i.getKeyword();
    if (keyword !== 'COPY' && keyword !== 'ADD') continue;
    if (i instanceof Copy && i.getFromFlag()) continue;
    const json = i instanceof JSONInstruction && i.getOpeningBracket() !== null;
    const args = json ? (i as JSONInstruction).getJSONStrings() : i.getArguments();
    const written = args.length > 1 ? args[args.length - 1].getValue() : undefined;
    const destination = written === undefined ? undefined : resolveAgainst(at(i), written);
    // Another source may join only a COPY whose destination is a folder.
    const toFolder = args.length > 2 || /(^\.|\/)$/.test(written ?? '');
    for (const arg of args.slice(0, -1)) {
      const value = arg.getValue();
      if (!bringsIn(value, name) || (into !== undefined && !landsIn(value, destination!, into, name))) continue;
      const exact = !json && toFolder && value.replace(/^\.\//, '') === name ? { end: file.source.offsetAt(arg.getRange().end) } : undefined;
      return { instruction: i, exact };
    }
  }
  return undefined;
}

/** `COPY <names> <folder>` on a line of its own above the RUN and the comment lines on top of it. */
export function copyLineBefore(file: ParsedDockerfile, stage: Stage, run: Run, names: string[], folder = './'): TextEdit {
  const line = lineAboveComments(file, run.getRange().start.line, stage.from.getRange().end.line + 1);
  return insertLinesBefore(file, line, `COPY ${names.join(' ')} ${folder}\n`);
}

/**
 * Brings `uv.lock` into `project` (the folder of `pyproject.toml`; default: the RUN's working
 * directory) for the RUN: beside `pyproject.toml` in the COPY or bind mount that brings it, else
 * with a COPY of its own.
 */
export function lockCopyEdit(file: ParsedDockerfile, stage: Stage, run: Run, pyproject: CopyOf | undefined, project?: string): TextEdit | undefined {
  const source = file.source;
  const inWorkdir = project === undefined || project === resolveAgainst(workdirAt(file, stage, run.getRange().start.line), '.');
  if (pyproject?.exact) {
    const at = source.positionAt(pyproject.exact.end);
    return { uri: source.uri, range: { start: at, end: at }, newText: ' uv.lock' };
  }
  if (pyproject?.instruction === run) return addFlagEdit(file, run, `--mount=type=bind,source=uv.lock,target=${inWorkdir ? 'uv.lock' : `${project}/uv.lock`}`);
  return copyLineBefore(file, stage, run, ['uv.lock'], inWorkdir ? './' : `${project}/`);
}
