// Lookups the script rules share: the run commands of a script, and the option a finding points at.

import { isRun, type EngineCommand, type EngineOption } from '../../../parse/engine-cli';
import type { ParsedScript } from '../../../parse/script';

/** The `run`/`create` commands of the script, in source order. */
export function runCommands(file: ParsedScript): EngineCommand[] {
  return file.engineCommands.filter(isRun);
}

/** The options named `names` of the script's run commands, with their commands. */
export function runOptions(file: ParsedScript, ...names: string[]): { cmd: EngineCommand; option: EngineOption }[] {
  return runCommands(file).flatMap((cmd) => cmd.options.filter((o) => names.includes(o.name)).map((option) => ({ cmd, option })));
}

/** The option (one of `names`) whose value starts at `offset`: where a finding about it points. */
export function runOptionAt(file: ParsedScript, offset: number, ...names: string[]): { cmd: EngineCommand; option: EngineOption } | undefined {
  // A loop, not runOptions(): fixing every finding of a run with thousands of options stays linear.
  for (const cmd of runCommands(file)) {
    const option = cmd.options.find((o) => o.value?.start === offset && names.includes(o.name));
    if (option) return { cmd, option };
  }
  return undefined;
}
