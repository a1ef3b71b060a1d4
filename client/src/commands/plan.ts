// Decides how this workspace is built and run: compose (a compose file with a service that builds
// the Dockerfile, and a compose provider installed), else the run script, else directly from the
// settings. The choice is said in the output, with the reason for skipping the earlier ones.

import * as path from 'node:path';
import { COMPOSE_FILE_NAMES, composeContainerName, detectComposeProvider, findBuildingService, type ComposeProvider, type ComposeTarget } from '../engine/compose';
import type { Engine } from '../engine/engines';
import { TobsError } from '../engine/errors';
import type { CommandContext } from './context';

export type Plan =
  | { kind: 'compose'; target: ComposeTarget; provider: ComposeProvider; containerName: string }
  | { kind: 'script'; script: string; containerName: string }
  | { kind: 'direct'; dockerfile: string; containerName: string };

export const DOCKERFILE_NAMES = ['Dockerfile', 'Containerfile'];

export function findComposeTarget(ctx: CommandContext): ComposeTarget | undefined {
  for (const name of COMPOSE_FILE_NAMES) {
    const file = path.join(ctx.workspaceFolder, name);
    const text = ctx.files.readText(file);
    if (text === undefined) continue;
    const target = findBuildingService(file, text, ctx.files.exists);
    if (target) return target;
  }
  return undefined;
}

export function findDockerfile(ctx: CommandContext): string | undefined {
  return DOCKERFILE_NAMES.map((n) => path.join(ctx.workspaceFolder, n)).find((p) => ctx.files.exists(p));
}

export function runScriptPath(ctx: CommandContext): string | undefined {
  if (!ctx.settings.runScript) return undefined;
  const script = path.resolve(ctx.workspaceFolder, ctx.settings.runScript);
  return ctx.files.exists(script) ? script : undefined;
}

export async function choosePlan(ctx: CommandContext, engine: Engine): Promise<Plan> {
  const target = findComposeTarget(ctx);
  if (target) {
    const provider = await detectComposeProvider(engine.name, ctx.runner, ctx.signal);
    if (provider) return { kind: 'compose', target, provider, containerName: composeContainerName(provider, target) };
    ctx.log.append(`${path.basename(target.file)} builds service "${target.service}", but no compose provider for ${engine.name} is installed (${engine.name === 'podman' ? 'podman compose, podman-compose' : 'docker compose, docker-compose'}); not using it.`);
  }
  const script = runScriptPath(ctx);
  if (script) return { kind: 'script', script, containerName: ctx.settings.containerName };
  return directPlan(ctx);
}

/** Building and running straight from the settings; needs a Dockerfile at the workspace root. */
export function directPlan(ctx: CommandContext): Plan & { kind: 'direct' } {
  const dockerfile = findDockerfile(ctx);
  if (!dockerfile) throw new TobsError('no-dockerfile', `No Dockerfile or Containerfile in ${ctx.workspaceFolder}; nothing to build.`);
  return { kind: 'direct', dockerfile, containerName: ctx.settings.containerName };
}

export function describePlan(plan: Plan, workspaceFolder: string): string {
  const rel = (p: string) => path.relative(workspaceFolder, p) || p;
  switch (plan.kind) {
    case 'compose':
      return `Path: compose — ${plan.provider.name} ${plan.provider.version} with ${rel(plan.target.file)}, service "${plan.target.service}", container ${plan.containerName}`;
    case 'script':
      return `Path: run script — ${rel(plan.script)} (no compose file builds the Dockerfile), container ${plan.containerName}`;
    case 'direct':
      return `Path: direct — build ${rel(plan.dockerfile)} and run from the tobs.* settings (no compose file or run script), container ${plan.containerName}`;
  }
}
