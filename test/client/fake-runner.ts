// A scripted ProcessRunner for unit tests of error paths that a real engine cannot be made to
// produce on demand (no docker daemon, permission denied, port clashes). The real-podman suite
// covers the same code paths with real processes.

import type { ProcessRunner, RunRequest, RunResult } from '../../client/src/engine/process';

export type Answer = Partial<Omit<RunResult, 'argv'>> | ((request: RunRequest) => Partial<Omit<RunResult, 'argv'>>);

export class FakeRunner implements ProcessRunner {
  readonly calls: string[][] = [];

  /** `answers` by the argv joined with spaces, matched by prefix; unmatched commands are "not installed". */
  constructor(private readonly answers: Record<string, Answer>) {}

  async run(request: RunRequest): Promise<RunResult> {
    this.calls.push([...request.argv]);
    const key = request.argv.join(' ');
    const match = Object.keys(this.answers)
      .filter((k) => key === k || key.startsWith(`${k} `))
      .sort((a, b) => b.length - a.length)[0];
    const base: RunResult = { argv: request.argv, exitCode: 0, stdout: '', stderr: '', cancelled: false };
    if (match === undefined) return { ...base, exitCode: null, spawnError: Object.assign(new Error(`spawn ${request.argv[0]} ENOENT`), { code: 'ENOENT' }) };
    const answer = this.answers[match];
    const result = { ...base, ...(typeof answer === 'function' ? answer(request) : answer) };
    for (const line of result.stdout.split('\n').filter(Boolean)) request.onLine?.(line, 'stdout');
    for (const line of result.stderr.split('\n').filter(Boolean)) request.onLine?.(line, 'stderr');
    return result;
  }
}

export const fail = (exitCode: number, stderr: string): Partial<RunResult> => ({ exitCode, stderr });
