// uv invocations among a RUN's commands: `uv sync`, `uv pip install`, `/bin/uv --no-cache sync`,
// `python -m uv pip compile`, with their options.

import type { Run } from 'dockerfile-ast';
import type { ParsedDockerfile } from '../../../parse/dockerfile';
import type { SimpleCommand, Word } from '../../../parse/shell';
import { basenameUri as basename } from '../../../uri';
import { mayCallUv, runScript } from './run-script';
import { resolveAgainst } from './stages';

export interface UvCall {
  command: SimpleCommand;
  /** `sync`, `pip install`, `pip compile`, `export`, … */
  sub: string;
  /** Every option and argument, global ones (before the subcommand) included. */
  words: Word[];
  /** The words after the subcommand. */
  args: Word[];
}

const GROUPS = new Set(['pip', 'tool', 'python', 'cache', 'self', 'auth', 'build-backend']);
const GLOBAL_OPTIONS_WITH_VALUE = new Set(['--cache-dir', '--directory', '--project', '--config-file', '--color', '--python-preference', '--allow-insecure-host']);

export function uvCall(command: SimpleCommand): UvCall | undefined {
  const w = command.words;
  let k: number;
  if (w.length && basename(w[0].value) === 'uv') k = 1;
  else if (w.length > 2 && /^python[\d.]*$/.test(basename(w[0].value)) && w[1].value === '-m' && w[2].value === 'uv') k = 3;
  else return undefined;
  const globals: Word[] = [];
  while (k < w.length && w[k].value.startsWith('-')) {
    globals.push(w[k]);
    if (GLOBAL_OPTIONS_WITH_VALUE.has(w[k].value) && k + 1 < w.length) globals.push(w[++k]);
    k++;
  }
  if (k >= w.length) return undefined;
  const subWords = [w[k].value];
  if (GROUPS.has(w[k].value) && k + 1 < w.length) subWords.push(w[++k].value);
  const args = w.slice(k + 1);
  return { command, sub: subWords.join(' '), words: [...globals, ...args], args };
}

export function uvCalls(commands: readonly SimpleCommand[]): UvCall[] {
  return commands.map(uvCall).filter((c): c is UvCall => !!c);
}

/** The uv calls of a RUN; its shell script is read only when its text may call uv. */
export function uvCallsOf(file: ParsedDockerfile, run: Run): UvCall[] {
  return mayCallUv(file, run) ? uvCalls(runScript(file, run)?.commands ?? []) : [];
}

/** Whether the call has one of the options, as `--name`, `--name=value` or (short) `-n`. */
export function hasOption(call: UvCall, ...names: string[]): boolean {
  return call.words.some((w) => names.some((n) => w.value === n || (n.startsWith('--') && w.value.startsWith(n + '='))));
}

/** Every value of an option: `--name value`, `--name=value`, and for short names `-n value`, `-nvalue`. */
export function optionValues(call: UvCall, ...names: string[]): string[] {
  const out: string[] = [];
  const words = call.words;
  for (let i = 0; i < words.length; i++) {
    const v = words[i].value;
    const name = names.find((n) => v === n || (n.startsWith('--') ? v.startsWith(n + '=') : v.startsWith(n) && !v.startsWith('--')));
    if (name === undefined) continue;
    if (v === name) {
      if (i + 1 < words.length) out.push(words[++i].value);
    } else {
      out.push(v.slice(name.startsWith('--') ? name.length + 1 : name.length));
    }
  }
  return out;
}

/** Installs packages into an environment (and so reads and fills the cache). */
export function installs(call: UvCall): boolean {
  return call.sub === 'sync' || call.sub === 'pip install' || call.sub === 'pip sync';
}

/** Honours uv.lock. */
export function usesLock(call: UvCall): boolean {
  return call.sub === 'sync' || call.sub === 'export';
}

/** A truthy environment flag value as uv reads it. */
export function truthy(value: string | undefined): boolean {
  return value !== undefined && !/^(0|false|no|off|)$/i.test(value.trim());
}

/** The project folder of a call: `--project`/`--directory` resolved against `workdir`, else `workdir`. */
export function projectDir(call: UvCall, workdir: string | undefined): string {
  const given = optionValues(call, '--project', '--directory').pop();
  return resolveAgainst(workdir, given ?? '.');
}
