// Shared set-up for the client tests: a CommandContext over a real runner and a log kept in memory.

import * as os from 'node:os';
import { BackgroundJobs, nodeHostFiles, type CommandContext } from '../../client/src/commands/context';
import type { ProcessRunner } from '../../client/src/engine/process';
import { DEFAULT_SETTINGS, type ClientSettings } from '../../client/src/settings';

export interface TestContext extends CommandContext {
  lines: string[];
  steps: string[];
}

export function testContext(runner: ProcessRunner, workspaceFolder: string, settings: Partial<ClientSettings> = {}, extra: Partial<CommandContext> = {}): TestContext {
  const lines: string[] = [];
  const steps: string[] = [];
  return {
    runner,
    log: { append: (line) => lines.push(line) },
    settings: { ...DEFAULT_SETTINGS, ...settings },
    workspaceFolder,
    home: os.homedir(),
    files: nodeHostFiles,
    progress: (message) => steps.push(message),
    background: new BackgroundJobs(),
    lines,
    steps,
    ...extra,
  };
}
