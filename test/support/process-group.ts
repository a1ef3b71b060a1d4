// A long-running child (code-server, with its extension host and language server beneath it) runs
// as the leader of its own process group, so stopping it stops every process it started.

import { ChildProcess, spawn, SpawnOptions } from 'node:child_process';
import type { Cleanup } from './cleanup';

export interface GroupProcess {
  readonly child: ChildProcess;
  /** stdout and stderr so far, interleaved. */
  output(): string;
  /** Resolves with the exit code (or signal name) once the leader has exited. */
  readonly exited: Promise<number | string>;
}

const GRACE_MS = 5_000;

export function startProcessGroup(what: string, argv: [string, ...string[]], options: SpawnOptions, cleanup: Cleanup): GroupProcess {
  const child = spawn(argv[0], argv.slice(1), { ...options, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  // Mocha may be ended by an uncaught error before any `after` hook runs: never leave the group.
  const killOnExit = () => signalGroup(child, 'SIGKILL');
  process.once('exit', killOnExit);
  cleanup.add(`stop ${what}`, async () => {
    process.removeListener('exit', killOnExit);
    await stopGroup(child, exited);
  });
  return { child, output: () => output, exited };
}

async function stopGroup(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  signalGroup(child, 'SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const graceOver = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), GRACE_MS)));
  await Promise.race([exited, graceOver]);
  clearTimeout(timer);
  // Members of the group may outlive the leader (a language server finishing its shutdown).
  signalGroup(child, 'SIGKILL');
  await exited;
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is already gone.
  }
}
