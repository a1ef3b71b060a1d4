// Runs external programs from argv arrays (never a shell string), streams their output line by line
// and kills the whole process tree on cancellation. Failures to start (ENOENT, EACCES) come back in
// the result, never as a rejection, so every caller can turn them into a message.

import { spawn } from 'node:child_process';

export type Stream = 'stdout' | 'stderr';

export interface RunRequest {
  /** argv[0] is the program, looked up on PATH. */
  argv: readonly string[];
  cwd?: string;
  /** Added to the runner's environment. */
  env?: Readonly<Record<string, string>>;
  onLine?: (line: string, stream: Stream) => void;
  signal?: AbortSignal;
}

export interface RunResult {
  argv: readonly string[];
  /** null when the process did not start or was killed by a signal. */
  exitCode: number | null;
  stdout: string;
  stderr: string;
  /** Set when the program could not be started: `ENOENT` (not installed), `EACCES`, … */
  spawnError?: NodeJS.ErrnoException;
  cancelled: boolean;
}

export interface ProcessRunner {
  run(request: RunRequest): Promise<RunResult>;
}

export function succeeded(result: RunResult): boolean {
  return result.exitCode === 0 && !result.cancelled;
}

/** Keeps memory bounded for chatty builds; the output channel has the full text anyway. */
const MAX_CAPTURED_CHARS = 1024 * 1024;
/** How long a cancelled tree gets to exit after SIGTERM before SIGKILL. */
const KILL_GRACE_MS = 3000;

export class NodeProcessRunner implements ProcessRunner {
  /** `baseEnv` defaults to this process's environment; tests pass an isolated podman config here. */
  constructor(private readonly baseEnv: NodeJS.ProcessEnv = process.env) {}

  run(request: RunRequest): Promise<RunResult> {
    return new Promise((resolve) => {
      const result: RunResult = { argv: request.argv, exitCode: null, stdout: '', stderr: '', cancelled: false };
      if (request.signal?.aborted) {
        resolve({ ...result, cancelled: true });
        return;
      }
      const [program, ...args] = request.argv;
      // Its own process group, so cancellation reaches grandchildren (podman → conmon, bash → podman).
      const child = spawn(program, args, {
        cwd: request.cwd,
        env: { ...this.baseEnv, ...request.env },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: process.platform !== 'win32',
        windowsHide: true,
      });
      const splitters = { stdout: new LineSplitter(), stderr: new LineSplitter() };
      const onData = (stream: Stream) => (chunk: Buffer) => {
        const text = chunk.toString('utf8');
        result[stream] = capTail(result[stream] + text);
        for (const line of splitters[stream].push(text)) request.onLine?.(line, stream);
      };
      child.stdout.on('data', onData('stdout'));
      child.stderr.on('data', onData('stderr'));

      let killTimer: NodeJS.Timeout | undefined;
      const cancel = () => {
        result.cancelled = true;
        killTree(child.pid, 'SIGTERM');
        killTimer = setTimeout(() => killTree(child.pid, 'SIGKILL'), KILL_GRACE_MS);
      };
      request.signal?.addEventListener('abort', cancel, { once: true });

      let settled = false;
      const finish = () => {
        if (settled) return;
        settled = true;
        if (killTimer) clearTimeout(killTimer);
        request.signal?.removeEventListener('abort', cancel);
        for (const stream of ['stdout', 'stderr'] as const) {
          const rest = splitters[stream].flush();
          if (rest !== undefined) request.onLine?.(rest, stream);
        }
        resolve(result);
      };
      child.on('error', (error: NodeJS.ErrnoException) => {
        result.spawnError = error;
        finish();
      });
      child.on('close', (code) => {
        result.exitCode = code;
        finish();
      });
    });
  }
}

function killTree(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    if (process.platform === 'win32') {
      spawn('taskkill', ['/pid', String(pid), '/T', '/F'], { stdio: 'ignore', windowsHide: true });
    } else {
      process.kill(-pid, signal);
    }
  } catch {
    // Already gone.
  }
}

function capTail(text: string): string {
  return text.length > MAX_CAPTURED_CHARS ? text.slice(text.length - MAX_CAPTURED_CHARS) : text;
}

/** Cuts a stream into lines; `\r`-only progress updates count as line ends too. */
export class LineSplitter {
  private pending = '';
  private endedWithCarriageReturn = false;

  push(text: string): string[] {
    // A `\r\n` split across two chunks is one line end, not two.
    const chunk = this.endedWithCarriageReturn && text.startsWith('\n') ? text.slice(1) : text;
    this.endedWithCarriageReturn = text.endsWith('\r');
    const parts = (this.pending + chunk).split(/\r\n|\n|\r/);
    this.pending = parts.pop() ?? '';
    return parts;
  }

  flush(): string | undefined {
    const rest = this.pending;
    this.pending = '';
    return rest === '' ? undefined : rest;
  }
}
