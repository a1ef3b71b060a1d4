// The compose path of Build & Run: which compose file and service build the workspace's
// Dockerfile, which compose provider is installed, and the argv for it. podman-compose before 1.1
// silently drops `group_add`, so the render GID goes in through `--podman-run-args` there.

import * as path from 'node:path';
import { parse } from 'yaml';
import type { EngineName } from './engines';
import { succeeded, type ProcessRunner } from './process';

/** The names compose itself looks for, in its order of preference. */
export const COMPOSE_FILE_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];

export interface ComposeTarget {
  /** Absolute path of the compose file. */
  file: string;
  service: string;
  /** The Dockerfile the service builds (absolute). */
  dockerfile: string;
  /** `container_name:` when the service sets one. */
  containerName?: string;
  /** Top-level `name:` when set. */
  projectName?: string;
}

/**
 * The first service (in file order) of `text` whose `build` resolves to a Dockerfile that exists.
 * Returns undefined for text that is not a compose mapping.
 */
export function findBuildingService(file: string, text: string, exists: (p: string) => boolean): ComposeTarget | undefined {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch {
    return undefined;
  }
  if (!isObject(doc) || !isObject(doc.services)) return undefined;
  const dir = path.dirname(file);
  for (const [service, definition] of Object.entries(doc.services)) {
    if (!isObject(definition) || definition.build === undefined) continue;
    const build = definition.build;
    const context = typeof build === 'string' ? build : isObject(build) && typeof build.context === 'string' ? build.context : '.';
    const dockerfileName = isObject(build) && typeof build.dockerfile === 'string' ? build.dockerfile : 'Dockerfile';
    const dockerfile = path.resolve(dir, context, dockerfileName);
    if (!exists(dockerfile)) continue;
    return {
      file,
      service,
      dockerfile,
      containerName: typeof definition.container_name === 'string' ? definition.container_name : undefined,
      projectName: typeof doc.name === 'string' ? doc.name : undefined,
    };
  }
  return undefined;
}

export type ComposeProviderName = 'podman compose' | 'podman-compose' | 'docker compose' | 'docker-compose';

export interface ComposeProvider {
  name: ComposeProviderName;
  /** The version of the program that does the work (podman-compose behind `podman compose`, too). */
  version: string;
  /** Whether podman-compose does the work (its own flags and container naming apply). */
  isPodmanCompose: boolean;
  /** True for podman-compose before 1.1, which ignores `group_add`. */
  dropsGroupAdd: boolean;
}

const PROVIDERS: Record<EngineName, ComposeProviderName[]> = {
  podman: ['podman compose', 'podman-compose'],
  docker: ['docker compose', 'docker-compose'],
};

export function providerArgv(name: ComposeProviderName): string[] {
  return name.split(' ');
}

export async function detectComposeProvider(engine: EngineName, runner: ProcessRunner, signal?: AbortSignal): Promise<ComposeProvider | undefined> {
  for (const name of PROVIDERS[engine]) {
    const result = await runner.run({ argv: [...providerArgv(name), 'version'], signal });
    if (!succeeded(result)) continue;
    return describeProvider(name, result.stdout + '\n' + result.stderr);
  }
  return undefined;
}

/** Reads a provider's `version` output; `podman compose` may be podman-compose underneath. */
export function describeProvider(name: ComposeProviderName, versionOutput: string): ComposeProvider {
  // podman-compose 1.0.3 prints "podman-composer version  1.0.3" among podman's own version lines.
  const podmanCompose = /podman-composer? version:?\s*v?(\d+\.\d+(?:\.\d+)?)/i.exec(versionOutput);
  const isPodmanCompose = name === 'podman-compose' || podmanCompose !== null;
  const generic = isPodmanCompose ? null : /version:?\s*v?(\d+\.\d+(?:\.\d+)?)/i.exec(versionOutput);
  const version = (podmanCompose ?? generic)?.[1] ?? 'unknown';
  return { name, version, isPodmanCompose, dropsGroupAdd: isPodmanCompose && compareVersions(version, '1.1.0') < 0 };
}

export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map((n) => Number.parseInt(n, 10) || 0);
  const pb = b.split('.').map((n) => Number.parseInt(n, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

export interface ComposeInvocation {
  argv: string[];
  env: Record<string, string>;
}

function invocation(provider: ComposeProvider, target: ComposeTarget, gid: number | undefined, globalArgs: string[], command: string[]): ComposeInvocation {
  const env: Record<string, string> = {};
  if (gid !== undefined) env.RENDER_GID = String(gid);
  // podman build drops HEALTHCHECK in its default OCI format; podman-compose calls podman build.
  if (provider.name.startsWith('podman')) env.BUILDAH_FORMAT = 'docker';
  return { argv: [...providerArgv(provider.name), ...globalArgs, '-f', target.file, ...command], env };
}

export function composeBuildInvocation(provider: ComposeProvider, target: ComposeTarget, gid: number | undefined): ComposeInvocation {
  return invocation(provider, target, gid, [], ['build', '--', target.service]);
}

export function composeUpInvocation(provider: ComposeProvider, target: ComposeTarget, gid: number | undefined): ComposeInvocation {
  const workaround = gid !== undefined && provider.dropsGroupAdd ? [`--podman-run-args=--group-add=${gid}`] : [];
  // `--`: a service named like an option (`--podman-run-args=…`) stays a service name.
  return invocation(provider, target, gid, workaround, ['up', '-d', '--force-recreate', '--', target.service]);
}

/** The container compose creates for the service: `container_name`, else the provider's naming. */
export function composeContainerName(provider: ComposeProvider, target: ComposeTarget): string {
  if (target.containerName) return target.containerName;
  const project = (target.projectName ?? path.basename(path.dirname(target.file))).toLowerCase().replace(/[^-_a-z0-9]/g, '');
  return provider.isPodmanCompose ? `${project}_${target.service}_1` : `${project}-${target.service}-1`;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
