// The project environment `uv sync` fills, and whether the image puts its bin folder on PATH: the
// programs of a venv are found only from there (or through `uv run`).

import { Env, type Instruction, type Run } from 'dockerfile-ast';
import { insertLinesAfter } from '../../../edit/dockerfile';
import type { ParsedDockerfile, Stage } from '../../../parse/dockerfile';
import type { TextEdit } from '../../../types';
import { environmentAt, inheritedInstructions, resolveAgainst, workdirAt } from './stages';
import { projectDir, type UvCall } from './uv';

/**
 * The venv's bin folder that `uv sync` fills at the RUN (`UV_PROJECT_ENVIRONMENT`, else
 * `<project>/.venv`), unless it is a system prefix or not known.
 */
export function venvBin(file: ParsedDockerfile, stage: Stage, run: Run, call?: UvCall): string | undefined {
  const line = run.getRange().start.line;
  const workdir = workdirAt(file, stage, line);
  const project = call ? projectDir(call, workdir) : resolveAgainst(workdir, '.');
  const venv = resolveAgainst(project, environmentAt(file, stage, line).get('UV_PROJECT_ENVIRONMENT') ?? '.venv');
  const bin = `${venv.replace(/\/$/, '')}/bin`;
  return /^\/(usr\/local|usr|opt\/conda)?\/?bin$/.test(bin) || bin.includes('$') ? undefined : bin;
}

/** Whether an ENV of the stage (or of a stage it is built on) already puts `bin` on PATH. */
export function pathHas(file: ParsedDockerfile, stage: Stage, bin: string): boolean {
  return inheritedInstructions(file, stage)
    .filter((i): i is Env => i instanceof Env)
    .flatMap((i) => i.getProperties())
    .some((p) => p.getName() === 'PATH' && (p.getValue()?.includes(bin) || /\$\{?VIRTUAL_ENV\}?\/bin/.test(p.getValue() ?? '')));
}

/** `ENV PATH="<bin>:$PATH"` on the line after the instruction that installs or copies the venv. */
export function venvPathEdit(file: ParsedDockerfile, install: Instruction, bin: string): TextEdit {
  return insertLinesAfter(file, install, `ENV PATH="${bin}:$PATH"\n`);
}
