// Which container engine to use: the `tobs.containerEngine` setting, where `auto` tries podman
// first, then docker. A probe that fails is classified so the user reads why, not an exit code.

import { succeeded, type ProcessRunner, type RunResult } from './process';

export type EngineName = 'podman' | 'docker';
export type EngineSetting = 'auto' | EngineName;
export const ENGINE_SETTINGS: readonly EngineSetting[] = ['auto', 'podman', 'docker'];

export interface Engine {
  name: EngineName;
  version: string;
}

export type EngineProblemKind = 'not-installed' | 'no-permission' | 'not-running' | 'failed';

export interface EngineProblem {
  kind: EngineProblemKind;
  /** The engines that were tried, in order. */
  tried: EngineName[];
  /** One sentence a user can act on. */
  message: string;
  /** What the engine printed, for the output channel. */
  detail: string;
}

export type EngineDetection = { ok: true; engine: Engine } | { ok: false; problem: EngineProblem };

/** Arguments that print the version and fail when the engine cannot actually run containers. */
export function versionProbeArgv(name: EngineName): string[] {
  // docker's client answers without a daemon; asking for the server version proves it is reachable.
  return name === 'podman' ? ['podman', 'version', '--format', '{{.Client.Version}}'] : ['docker', 'version', '--format', '{{.Server.Version}}'];
}

export function candidates(setting: EngineSetting): EngineName[] {
  return setting === 'auto' ? ['podman', 'docker'] : [setting];
}

export async function detectEngine(setting: EngineSetting, runner: ProcessRunner, signal?: AbortSignal): Promise<EngineDetection> {
  const tried = candidates(setting);
  const problems: { name: EngineName; kind: EngineProblemKind; detail: string }[] = [];
  for (const name of tried) {
    const result = await runner.run({ argv: versionProbeArgv(name), signal });
    if (succeeded(result)) return { ok: true, engine: { name, version: result.stdout.trim() } };
    if (result.cancelled) throw new CancelledError();
    problems.push({ name, kind: classifyProbeFailure(result), detail: describeResult(result) });
  }
  // An engine that is installed but broken says more than one that is missing.
  const worst = problems.find((p) => p.kind !== 'not-installed') ?? problems[0];
  return {
    ok: false,
    problem: { kind: worst.kind, tried, message: problemMessage(worst.kind, worst.name, tried), detail: problems.map((p) => `${p.name}: ${p.detail}`).join('\n') },
  };
}

export function classifyProbeFailure(result: RunResult): EngineProblemKind {
  if (result.spawnError?.code === 'ENOENT') return 'not-installed';
  if (result.spawnError?.code === 'EACCES') return 'no-permission';
  const text = result.stderr + result.stdout;
  if (/permission denied|access denied|EACCES|not permitted/i.test(text)) return 'no-permission';
  if (/cannot connect|is the docker daemon running|connection refused|no such file or directory.*sock|daemon.*not running|unable to connect/i.test(text)) return 'not-running';
  return 'failed';
}

function problemMessage(kind: EngineProblemKind, name: EngineName, tried: EngineName[]): string {
  switch (kind) {
    case 'not-installed':
      return tried.length > 1
        ? 'No container engine found: neither podman nor docker is on PATH. Install podman (or docker), or set tobs.containerEngine.'
        : `${name} is not installed or not on PATH (tobs.containerEngine is "${name}").`;
    case 'no-permission':
      return name === 'docker'
        ? 'Permission denied talking to the docker daemon: add your user to the docker group (then log in again), or use podman.'
        : 'Permission denied running podman: check its storage and runtime directories for your user.';
    case 'not-running':
      return `${name} is installed but its service is not running or not reachable.`;
    case 'failed':
      return `${name} is installed but failed to answer \`${versionProbeArgv(name).slice(1, 2).join(' ')}\`; see the output for what it printed.`;
  }
}

export function describeResult(result: RunResult): string {
  if (result.spawnError) return `${result.argv[0]}: ${result.spawnError.code ?? result.spawnError.message}`;
  const text = (result.stderr.trim() || result.stdout.trim()).split('\n').slice(-5).join('\n');
  return `exit code ${result.exitCode}${text ? `: ${text}` : ''}`;
}

export class CancelledError extends Error {
  constructor() {
    super('Cancelled');
  }
}
