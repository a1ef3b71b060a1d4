import type { SourceText } from '../text';
import { findEngineCommands, type EngineCommand } from './engine-cli';
import { parseShell, type ShellScript, type SimpleCommand, type Word } from './shell';

export interface Assignment {
  name: string;
  /** The assigned value as `Word.value` gives it: quotes removed, expansions as written. */
  value: string;
  word: Word;
  command: SimpleCommand;
}

export interface ParsedScript {
  language: 'shell';
  source: SourceText;
  script: ShellScript;
  /** Assignments by name, in any scope; the last one in the file wins. */
  vars: Map<string, string>;
  /** Every assignment, in source order. */
  assignments: Assignment[];
  engineCommands: EngineCommand[];
}

export function parseScript(source: SourceText): ParsedScript {
  const script = parseShell(source.parseText);
  const vars = new Map<string, string>();
  const values = new Map<string, string[]>();
  const assignments: Assignment[] = [];
  for (const command of script.commands) {
    for (const word of command.assignments) {
      const eq = word.value.indexOf('=');
      const name = word.value.slice(0, eq).replace(/\+$/, '');
      const value = word.value.slice(eq + 1);
      assignments.push({ name, value, word, command });
      vars.set(name, value);
      values.set(name, [...(values.get(name) ?? []), value]);
    }
  }
  const engineCommands = findEngineCommands(script.commands, vars, source.parseText, values);
  return { language: 'shell', source, script, vars, assignments, engineCommands };
}
