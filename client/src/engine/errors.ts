// The failures a user can meet, each with one clear sentence; the output channel holds the rest.

import { describeResult } from './engines';
import type { RunResult } from './process';

export type FailureKind =
  | 'engine-unavailable'
  | 'cancelled'
  | 'no-dockerfile'
  | 'build-failed'
  | 'port-in-use'
  | 'start-failed'
  | 'exited-at-once'
  | 'script-failed'
  | 'compose-failed'
  | 'no-container'
  | 'unhealthy'
  | 'env-file'
  | 'not-found';

export class TobsError extends Error {
  constructor(readonly kind: FailureKind, message: string, readonly detail = '') {
    super(message);
  }
}

export function isTobsError(e: unknown): e is TobsError {
  return e instanceof TobsError;
}

const PORT_IN_USE = /address already in use|port is already allocated|bind: .*in use|ports? .* already (in use|allocated)/i;
const PERMISSION = /permission denied|operation not permitted/i;

/** Turns a failed `run`/`up` into the failure the user should read. */
export function startFailure(result: RunResult, what: string): TobsError {
  const text = result.stderr + '\n' + result.stdout;
  const detail = describeResult(result);
  const port = PORT_IN_USE.exec(text);
  if (port) return new TobsError('port-in-use', `Cannot start ${what}: a port it publishes is already in use (${lastLineMatching(text, PORT_IN_USE)}).`, detail);
  if (PERMISSION.test(text)) return new TobsError('start-failed', `Cannot start ${what}: permission denied (${lastLineMatching(text, PERMISSION)}).`, detail);
  return new TobsError('start-failed', `Cannot start ${what}: ${lastLine(text) || `exit code ${result.exitCode}`}.`, detail);
}

export function lastLine(text: string): string {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  return lines[lines.length - 1] ?? '';
}

function lastLineMatching(text: string, pattern: RegExp): string {
  const lines = text.split(/\r?\n/).filter((l) => pattern.test(l));
  return (lines[lines.length - 1] ?? '').trim();
}
