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
  const env = new Map<string, string>();
  for (const i of inheritedInstructions(file, stage, line)) {
    if (!(i instanceof Env) && !(i instanceof Arg && stage.instructions.includes(i))) continue;
    for (const p of i.getProperties()) {
      const name = p.getName();
      const value = i instanceof Arg ? argDefault(file, stage, name, i.getRange().end.line + 1)?.value : p.getUnescapedValue();
      if (value !== null && value !== undefined) env.set(name, resolveValue(value, env) ?? value);
    }
  }
  return env;
}

/** The working directory at `line` (`undefined`: none set, the base image's), variables resolved when possible. */
export function workdirAt(file: ParsedDockerfile, stage: Stage, line = Infinity): string | undefined {
  let dir: string | undefined;
  for (const i of inheritedInstructions(file, stage, line)) {
    if (i.getKeyword() !== 'WORKDIR') continue;
    const raw = i.getArgumentsContent()?.trim();
    if (!raw) continue;
    const arg = raw.includes('$') ? resolvePath(raw, environmentAt(file, stage, i.getRange().start.line)) : raw;
    if (arg === undefined) return undefined;
    dir = normalizePath(arg.startsWith('/') || !dir ? arg : `${dir}/${arg}`);
  }
  return dir;
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
