// The engine layer: build, run, stop, inspect and health-check one container through a real
// process runner. No vscode here, so the podman tests and the E2E fixtures drive it directly.

import { buildArgv, healthcheckRunArgv, imageExistsArgv, inspectArgv, logsArgv, removeArgv, runArgv, stopArgv, type BuildSpec, type RunSpec } from './argv';
import { describeResult, type Engine } from './engines';
import { TobsError, lastLine, startFailure } from './errors';
import { isNoSuchContainer, parseInspect, type ContainerState } from './inspect';
import { logCommand, logOutput, type OperationLog } from './log';
import { succeeded, type ProcessRunner, type RunResult } from './process';

export class ContainerEngine {
  constructor(
    readonly engine: Engine,
    private readonly runner: ProcessRunner,
    private readonly log: OperationLog,
  ) {}

  get name(): Engine['name'] {
    return this.engine.name;
  }

  /** Runs an argv, echoing it and streaming its output into the log. */
  async exec(argv: readonly string[], options: { signal?: AbortSignal; env?: Record<string, string>; cwd?: string; quiet?: boolean } = {}): Promise<RunResult> {
    if (!options.quiet) logCommand(this.log, argv, options.env);
    const result = await this.runner.run({ argv, signal: options.signal, env: options.env, cwd: options.cwd, onLine: options.quiet ? undefined : logOutput(this.log) });
    if (result.cancelled) throw new TobsError('cancelled', 'Cancelled.');
    return result;
  }

  async build(spec: BuildSpec, signal?: AbortSignal): Promise<void> {
    const result = await this.exec(buildArgv(this.name, spec), { signal });
    if (!succeeded(result)) {
      throw new TobsError('build-failed', `Building ${spec.image} failed: ${lastLine(result.stderr) || lastLine(result.stdout) || `exit code ${result.exitCode}`}.`, describeResult(result));
    }
  }

  async imageExists(image: string, signal?: AbortSignal): Promise<boolean> {
    return succeeded(await this.exec(imageExistsArgv(this.name, image), { signal, quiet: true }));
  }

  /** Replaces any container of the same name, starts a new one and checks that it stays up. */
  async run(spec: RunSpec, signal?: AbortSignal): Promise<ContainerState> {
    await this.remove(spec.name, signal);
    const result = await this.exec(runArgv(this.name, spec), { signal });
    if (!succeeded(result)) throw startFailure(result, `container ${spec.name}`);
    return this.expectRunning(spec.name, signal);
  }

  /** After a start: the container's state, or `exited-at-once` with the last lines of its logs. */
  async expectRunning(name: string, signal?: AbortSignal): Promise<ContainerState> {
    const state = await this.inspect(name, signal);
    if (!state) throw new TobsError('start-failed', `Container ${name} was not created; see the output for what the engine printed.`);
    if (state.running) return state;
    const logs = await this.exec(logsArgv(this.name, name, false, 20), { signal, quiet: true });
    const tail = (logs.stdout + logs.stderr).trim();
    if (tail) this.log.append(`  last log lines of ${name}:\n${tail.split('\n').map((l) => `  | ${l}`).join('\n')}`);
    const why = state.error ? `: ${state.error}` : tail ? `: ${lastLine(tail)}` : '';
    throw new TobsError('exited-at-once', `Container ${name} exited at once (status ${state.status}, exit code ${state.exitCode})${why}.`, tail);
  }

  /** The container's state, or undefined when no container has that name. */
  async inspect(name: string, signal?: AbortSignal): Promise<ContainerState | undefined> {
    const result = await this.exec(inspectArgv(this.name, name), { signal, quiet: true });
    if (!succeeded(result)) {
      if (isNoSuchContainer(result.stderr)) return undefined;
      throw new TobsError('start-failed', `Cannot inspect container ${name}: ${describeResult(result)}`);
    }
    return parseInspect(result.stdout);
  }

  /** Stops gracefully; false when there was no such container. */
  async stop(name: string, signal?: AbortSignal): Promise<boolean> {
    const state = await this.inspect(name, signal);
    if (!state) return false;
    if (!state.running) return true;
    const result = await this.exec(stopArgv(this.name, name), { signal });
    if (!succeeded(result)) throw new TobsError('start-failed', `Stopping ${name} failed: ${describeResult(result)}`);
    return true;
  }

  async remove(name: string, signal?: AbortSignal): Promise<void> {
    if (await this.inspect(name, signal)) await this.exec(removeArgv(this.name, name), { signal });
  }

  /**
   * Runs the container's HEALTHCHECK once (podman only: without systemd nothing else runs it).
   * Returns the state inspected afterwards.
   */
  async runHealthcheck(name: string, signal?: AbortSignal): Promise<ContainerState | undefined> {
    if (this.name !== 'podman') return this.inspect(name, signal);
    await this.exec(healthcheckRunArgv(name), { signal, quiet: true });
    return this.inspect(name, signal);
  }
}
