// What a stage sees at a given line: its parent stages (`FROM base`), its build arguments, its
// environment, working directory and user. ENV, WORKDIR and USER pass from a stage to the stages
// built on it; ARGs do not (a stage sees its own and, when it redeclares them, the global ones).

import { Arg, Env, type Instruction, type Property } from 'dockerfile-ast';
import { finalStage, type ParsedDockerfile, type Stage } from '../../../parse/dockerfile';
import { resolveValue } from '../../../parse/shell';

/** The stage and the stages it is built on, base first. */
export function stageChain(file: ParsedDockerfile, stage: Stage): Stage[] {
  const chain = [stage];
  let current = stage;
  for (;;) {
    const base = current.from.getImage()?.toLowerCase();
    const index = file.stages.indexOf(current);
    const parent = base ? file.stages.slice(0, index).reverse().find((s) => s.name === base) : undefined;
    if (!parent || chain.includes(parent)) return chain;
    chain.unshift(parent);
    current = parent;
  }
}

/** The stage a build builds: its target (`--target`, compose `build.target`), else the last one. */
export function builtStage(file: ParsedDockerfile, target: string | undefined): Stage | undefined {
  return target ? file.stages.find((s) => s.name === target.toLowerCase()) : finalStage(file);
}

/** The stage an instruction belongs to. */
export function stageOf(file: ParsedDockerfile, instruction: Instruction): Stage | undefined {
  const line = instruction.getRange().start.line;
  return [...file.stages].reverse().find((s) => s.from.getRange().start.line <= line);
}

/** The instructions in effect before `line` in the stage: those of its parents, then its own. */
export function inheritedInstructions(file: ParsedDockerfile, stage: Stage, line = Infinity): Instruction[] {
  const chain = stageChain(file, stage);
  const out: Instruction[] = [];
  for (const s of chain) {
    for (const i of s.instructions) if (s !== stage || i.getRange().start.line < line) out.push(i);
  }
  return out;
}

/** The stage's last `keyword` instruction (HEALTHCHECK, USER, CMD, …), its parent stages' included. */
export function lastInstruction(file: ParsedDockerfile, stage: Stage, keyword: string): Instruction | undefined {
  return inheritedInstructions(file, stage)
    .filter((i) => i.getKeyword() === keyword)
    .pop();
}

export interface ArgValue {
  value: string;
  property: Property;
}

function argProperty(instructions: Instruction[], name: string): Property | undefined {
  let found: Property | undefined;
  for (const i of instructions) {
    if (!(i instanceof Arg)) continue;
    for (const p of i.getProperties()) if (p.getName() === name) found = p;
  }
  return found;
}

/**
 * The default of build argument `name` at `line`: a stage's own `ARG name=value`, or for
 * `ARG name` (and for FROM lines, `stage` undefined) the global one before the first FROM.
 */
export function argDefault(file: ParsedDockerfile, stage: Stage | undefined, name: string, line = Infinity): ArgValue | undefined {
  const own = stage ? argProperty(stage.instructions.filter((i) => i.getRange().start.line < line), name) : undefined;
  if (stage && !own) return undefined;
  const property = own && own.getValue() !== null ? own : argProperty(file.preamble, name);
  const value = property?.getUnescapedValue();
  return property && value !== null && value !== undefined ? { value, property } : undefined;
}

/** Environment of RUN instructions at `line`: inherited ENVs and the stage's ARG defaults. */
export function environmentAt(file: ParsedDockerfile, stage: Stage, line = Infinity): Map<string, string> {
  return new Map(replayOf(file, stage).at(line).env);
}

/** The working directory at `line` (`undefined`: none set, the base image's), variables resolved when possible. */
export function workdirAt(file: ParsedDockerfile, stage: Stage, line = Infinity): string | undefined {
  const { dir, unresolved } = replayOf(file, stage).at(line);
  return unresolved ? undefined : dir;
}

interface StageState {
  env: Map<string, string>;
  dir?: string;
  /** A WORKDIR whose variables are unknown came first: the directory is not known from there on. */
  unresolved: boolean;
}

/**
 * The environment and working directory of a stage, worked out instruction by instruction as the
 * rules ask for them line after line: the walk resumes where the last answer stopped (and starts
 * again only for an earlier line) instead of going through every inherited instruction per
 * question, which took seconds for a Dockerfile of a few thousand ENV and WORKDIR lines.
 */
class StageReplay {
  private readonly steps: { line: number; instruction: Instruction; own: boolean }[] = [];
  private done = 0;
  private state = StageReplay.initial();

  constructor(
    private readonly file: ParsedDockerfile,
    stage: Stage,
  ) {
    // Parent stages' instructions are in effect at every line of the stage.
    for (const s of stageChain(file, stage)) {
      for (const instruction of s.instructions) this.steps.push({ line: s === stage ? instruction.getRange().start.line : -Infinity, instruction, own: s === stage });
    }
  }

  private static initial(): StageState {
    return { env: new Map(), unresolved: false };
  }

  at(line: number): StageState {
    if (this.done > 0 && this.steps[this.done - 1].line >= line) {
      this.state = StageReplay.initial();
      this.done = 0;
    }
    while (this.done < this.steps.length && this.steps[this.done].line < line) this.apply(this.steps[this.done++]);
    return this.state;
  }

  private apply({ instruction: i, own }: { instruction: Instruction; own: boolean }): void {
    const state = this.state;
    // A stage sees its own ARGs only; ENV passes on to the stages built on it.
    if (i instanceof Env || (i instanceof Arg && own)) {
      for (const p of i.getProperties()) {
        const name = p.getName();
        const value = i instanceof Arg ? argValueAfter(this.file, i, name) : p.getUnescapedValue();
        if (value !== null && value !== undefined) state.env.set(name, resolveValue(value, state.env) ?? value);
      }
    } else if (i.getKeyword() === 'WORKDIR' && !state.unresolved) {
      const raw = i.getArgumentsContent()?.trim();
      if (!raw) return;
      const arg = raw.includes('$') ? resolvePath(raw, state.env) : raw;
      if (arg === undefined) state.unresolved = true;
      else state.dir = normalizePath(arg.startsWith('/') || !state.dir ? arg : `${state.dir}/${arg}`);
    }
  }
}

/** What argDefault gives just after `arg`: the ARG's own default, else the global one. */
function argValueAfter(file: ParsedDockerfile, arg: Arg, name: string): string | undefined {
  const own = arg.getProperties().filter((p) => p.getName() === name).pop();
  const property = own && own.getValue() !== null ? own : argProperty(file.preamble, name);
  return property?.getUnescapedValue() ?? undefined;
}

const replays = new WeakMap<Stage, StageReplay>();

function replayOf(file: ParsedDockerfile, stage: Stage): StageReplay {
  let replay = replays.get(stage);
  if (!replay) replays.set(stage, (replay = new StageReplay(file, stage)));
  return replay;
}

/** The user at `line`, as written in the last USER (`undefined`: none set). */
export function userAt(file: ParsedDockerfile, stage: Stage, line = Infinity): string | undefined {
  let user: string | undefined;
  for (const i of inheritedInstructions(file, stage, line)) {
    if (i.getKeyword() === 'USER') user = i.getArgumentsContent()?.trim() || user;
  }
  return user;
}

export function isRootUser(user: string | undefined): boolean {
  return user === undefined || /^(root|0)(:|$)/.test(user);
}

/** Resolves `$VAR` and `${VAR}` anywhere in a path; undefined when one is unknown. */
export function resolvePath(path: string, vars: ReadonlyMap<string, string>): string | undefined {
  let unknown = false;
  const out = path.replace(/\$\{([A-Za-z_]\w*)(?::?-([^}]*))?\}|\$([A-Za-z_]\w*)/g, (_m, braced: string, fallback: string | undefined, bare: string) => {
    const value = vars.get(braced ?? bare) ?? fallback;
    if (value === undefined) unknown = true;
    return value ?? '';
  });
  return unknown ? undefined : out;
}

/** `/app//x/./y/` → `/app/x/y`; keeps relative paths relative. */
export function normalizePath(path: string): string {
  const absolute = path.startsWith('/');
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return (absolute ? '/' : '') + parts.join('/');
}

/** Resolves `path` against the directory `dir` (`/` when unknown). */
export function resolveAgainst(dir: string | undefined, path: string): string {
  return normalizePath(path.startsWith('/') ? path : `${dir ?? '/'}/${path}`);
}
