// The argv of every engine command the extension runs. Pure: the same inputs give the same argv,
// and values from settings or files only ever become single argv elements.

import * as path from 'node:path';
import type { EngineName } from './engines';

export interface BuildSpec {
  image: string;
  /** Build context folder (absolute). */
  context: string;
  /** The Dockerfile (absolute); omitted means `<context>/Dockerfile`. */
  dockerfile?: string;
  buildArgs?: Readonly<Record<string, string>>;
}

export function buildArgv(engine: EngineName, spec: BuildSpec): string[] {
  const argv = [engine, 'build'];
  // podman's default OCI format silently drops HEALTHCHECK.
  if (engine === 'podman') argv.push('--format', 'docker');
  argv.push('-t', spec.image);
  if (spec.dockerfile) argv.push('-f', spec.dockerfile);
  for (const [key, value] of Object.entries(spec.buildArgs ?? {})) argv.push('--build-arg', `${key}=${value}`);
  argv.push(spec.context);
  return argv;
}

export interface Mount {
  host: string;
  container: string;
  options?: string;
}

export interface RunSpec {
  name: string;
  image: string;
  /** Numeric group ids: podman resolves group names inside the container, where `render` rarely exists. */
  groups: readonly number[];
  mounts: readonly Mount[];
  /** `host[:container[:permissions]]`, as the engines take them. */
  devices: readonly string[];
  env?: Readonly<Record<string, string>>;
}

export function runArgv(engine: EngineName, spec: RunSpec): string[] {
  const argv = [engine, 'run', '-d', '--name', spec.name];
  for (const gid of spec.groups) argv.push('--group-add', String(gid));
  for (const device of spec.devices) argv.push('--device', device);
  for (const mount of spec.mounts) argv.push('-v', formatMount(mount));
  for (const [key, value] of Object.entries(spec.env ?? {})) argv.push('-e', `${key}=${value}`);
  argv.push('--', spec.image);
  return argv;
}

export function formatMount(mount: Mount): string {
  return [mount.host, mount.container, ...(mount.options ? [mount.options] : [])].join(':');
}

/** Seconds a container gets to stop after SIGTERM. */
export const STOP_TIMEOUT_SECONDS = 10;

// Names and images come from settings and compose files; `--` keeps one that starts with a dash
// (`container_name: --latest`) a name, not an option that picks some other container.
export const stopArgv = (engine: EngineName, name: string): string[] => [engine, 'stop', '-t', String(STOP_TIMEOUT_SECONDS), '--', name];
export const removeArgv = (engine: EngineName, name: string): string[] => [engine, 'rm', '-f', '--', name];
export const restartArgv = (engine: EngineName, name: string): string[] => [engine, 'restart', '-t', String(STOP_TIMEOUT_SECONDS), '--', name];
export const inspectArgv = (engine: EngineName, name: string): string[] => [engine, 'container', 'inspect', '--', name];
export const logsArgv = (engine: EngineName, name: string, follow: boolean, lines = 200): string[] => [engine, 'logs', ...(follow ? ['-f'] : []), '--tail', String(lines), '--', name];
export const healthcheckRunArgv = (name: string): string[] => ['podman', 'healthcheck', 'run', '--', name];
export const imageExistsArgv = (engine: EngineName, image: string): string[] => (engine === 'podman' ? ['podman', 'image', 'exists', '--', image] : ['docker', 'image', 'inspect', '--', image]);

/**
 * Parses a `tobs.run.volumes` entry, `host:container[:options]`. The host part may contain spaces
 * and may be relative (to the workspace folder) or use `${workspaceFolder}` / `~`.
 */
export function parseMount(entry: string, workspaceFolder: string, home: string): Mount | undefined {
  const parts = splitMount(entry.trim());
  if (!parts) return undefined;
  const [rawHost, container, options] = parts;
  if (!container.startsWith('/')) return undefined;
  const host = expandHostPath(rawHost, workspaceFolder, home);
  return options ? { host, container, options } : { host, container };
}

/** Splits at the colons that separate fields: a Windows drive letter (`C:\…`) is not one. */
function splitMount(entry: string): [string, string, string?] | undefined {
  const drive = /^[A-Za-z]:[\\/]/.test(entry) ? entry.slice(0, 2) : '';
  const fields = entry.slice(drive.length).split(':');
  if (fields.length < 2 || fields.length > 3 || fields.some((f) => f === '')) return undefined;
  return [drive + fields[0], fields[1], fields[2]];
}

export function expandHostPath(raw: string, workspaceFolder: string, home: string): string {
  const expanded = raw.replace(/\$\{workspaceFolder\}/g, workspaceFolder).replace(/^~(?=$|\/)/, home);
  return path.resolve(workspaceFolder, expanded);
}

/** The host side of a device spec, to check that it exists before asking the engine for it. */
export function deviceHostPath(device: string): string {
  return device.split(':')[0];
}
