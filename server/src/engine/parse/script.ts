import type { SourceText } from '../text';
import { findEngineCommands, type EngineCommand } from './engine-cli';
import { parseShell, type ShellScript } from './shell';

export interface ParsedScript {
  language: 'shell';
  source: SourceText;
  script: ShellScript;
  /** Top-level assignments by name; the last one wins. */
  vars: Map<string, string>;
  engineCommands: EngineCommand[];
}

export function parseScript(source: SourceText): ParsedScript {
  const script = parseShell(source.parseText);
  const vars = new Map<string, string>();
  for (const command of script.commands) {
    for (const a of command.assignments) {
      const eq = a.value.indexOf('=');
      vars.set(a.value.slice(0, eq).replace(/\+$/, ''), a.value.slice(eq + 1));
    }
  }
  return { language: 'shell', source, script, vars, engineCommands: findEngineCommands(script.commands, vars, source.parseText) };
}
