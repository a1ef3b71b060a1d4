// Where the steps, commands and engine output of an operation go: the "tobs" output channel, a
// task terminal, or a test's array. The line prefixes are what the build-log grammar highlights.

import type { Stream } from './process';

export interface OperationLog {
  append(line: string): void;
}

export const STEP_PREFIX = '==> ';
export const COMMAND_PREFIX = '$ ';
export const WARNING_PREFIX = 'warning: ';
export const ERROR_PREFIX = 'error: ';

export function logStep(log: OperationLog, title: string): void {
  log.append(`${STEP_PREFIX}${title}`);
}

export function logWarning(log: OperationLog, message: string): void {
  log.append(`${WARNING_PREFIX}${message}`);
}

export function logError(log: OperationLog, message: string): void {
  log.append(`${ERROR_PREFIX}${message}`);
}

/** Shows an argv so it can be pasted into a shell: elements with special characters are quoted. */
export function logCommand(log: OperationLog, argv: readonly string[], env: Readonly<Record<string, string>> = {}): void {
  const assignments = Object.entries(env).map(([k, v]) => `${k}=${shellQuote(v)}`);
  log.append(COMMAND_PREFIX + [...assignments, ...argv.map(shellQuote)].join(' '));
}

export function logOutput(log: OperationLog): (line: string, stream: Stream) => void {
  return (line) => log.append(`  ${line}`);
}

export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

export const silentLog: OperationLog = { append: () => undefined };
