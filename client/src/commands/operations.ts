// The commands' work, step by step: detect the engine and the render GID, choose the path
// (compose | run script | direct), build, start, check the container stays up. Each step is
// logged; every failure is a TobsError with one sentence for the user.

import * as path from 'node:path';
import { deviceHostPath, parseMount, type Mount, type RunSpec } from '../engine/argv';
import { composeBuildInvocation, composeUpInvocation } from '../engine/compose';
import { ContainerEngine } from '../engine/container-engine';
import { detectEngine, describeResult } from '../engine/engines';
import { TobsError, startFailure } from '../engine/errors';
import { RENDER_GROUP, detectGroupGid } from '../engine/gid';
import type { ContainerState } from '../engine/inspect';
import { logCommand, logOutput, logStep, logWarning } from '../engine/log';
import { succeeded } from '../engine/process';
import type { CommandContext } from './context';
import { choosePlan, describePlan, directPlan, type Plan } from './plan';

export interface Prepared {
  engine: ContainerEngine;
  gid?: number;
  plan: Plan;
}

function step(ctx: CommandContext, title: string): void {
  logStep(ctx.log, title);
  ctx.progress(title);
}

export async function connectEngine(ctx: CommandContext): Promise<ContainerEngine> {
  const detection = await detectEngine(ctx.settings.containerEngine, ctx.runner, ctx.signal).catch((e: Error) => {
    throw new TobsError('cancelled', e.message);
  });
  if (!detection.ok) throw new TobsError('engine-unavailable', detection.problem.message, detection.problem.detail);
  ctx.log.append(`Engine: ${detection.engine.name} ${detection.engine.version}`);
  return new ContainerEngine(detection.engine, ctx.runner, ctx.log);
}

export async function detectRenderGid(ctx: CommandContext): Promise<number | undefined> {
  const group = ctx.renderGroup ?? RENDER_GROUP;
  const lookup = await detectGroupGid(group, ctx.runner, ctx.files.readGroupFile);
  if (lookup.gid === undefined) logWarning(ctx.log, `no "${group}" group on this host; the container gets no extra group for /dev/dri.`);
  else ctx.log.append(`Render GID: ${lookup.gid} (group "${group}", from ${lookup.source})`);
  return lookup.gid;
}

export async function prepare(ctx: CommandContext): Promise<Prepared> {
  step(ctx, 'Detect the container engine');
  const engine = await connectEngine(ctx);
  step(ctx, 'Detect the render GID');
  const gid = await detectRenderGid(ctx);
  const plan = await choosePlan(ctx, engine.engine);
  ctx.log.append(describePlan(plan, ctx.workspaceFolder));
  return { engine, gid, plan };
}

export async function buildImage(ctx: CommandContext, prepared: Prepared): Promise<void> {
  const { engine, plan, gid } = prepared;
  step(ctx, 'Build the image');
  if (plan.kind === 'compose') {
    const call = composeBuildInvocation(plan.provider, plan.target, gid);
    await runCompose(ctx, call.argv, call.env, 'build-failed', `${plan.provider.name} build failed`);
    return;
  }
  // A run script builds by itself when it runs; Build image alone builds the Dockerfile directly.
  const dockerfile = plan.kind === 'direct' ? plan.dockerfile : directPlan(ctx).dockerfile;
  await engine.build({ image: ctx.settings.imageName, context: path.dirname(dockerfile), dockerfile }, ctx.signal);
}

export async function startContainer(ctx: CommandContext, prepared: Prepared): Promise<ContainerState> {
  const { engine, plan, gid } = prepared;
  step(ctx, `Start container ${plan.containerName}`);
  switch (plan.kind) {
    case 'compose': {
      const call = composeUpInvocation(plan.provider, plan.target, gid);
      if (gid !== undefined && plan.provider.dropsGroupAdd) {
        ctx.log.append(`${plan.provider.name} ${plan.provider.version} ignores group_add; passing --group-add=${gid} through --podman-run-args.`);
      }
      // podman-compose exits 0 even when the container failed to start, so the state decides.
      await runCompose(ctx, call.argv, call.env, 'compose-failed', `${plan.provider.name} up failed`);
      return engine.expectRunning(plan.containerName, ctx.signal);
    }
    case 'script':
      return runScript(ctx, engine, plan.script, plan.containerName, gid);
    case 'direct': {
      if (!(await engine.imageExists(ctx.settings.imageName, ctx.signal))) {
        throw new TobsError('start-failed', `Image ${ctx.settings.imageName} does not exist yet: run "tobs: Build image" first.`);
      }
      return engine.run(runSpec(ctx, plan.containerName, gid), ctx.signal);
    }
  }
}

/** The `run` of the direct path from the settings; devices missing on this host are skipped with a warning. */
export function runSpec(ctx: CommandContext, name: string, gid: number | undefined): RunSpec {
  const mounts: Mount[] = [];
  for (const entry of ctx.settings.volumes) {
    const mount = parseMount(entry, ctx.workspaceFolder, ctx.home);
    if (mount) mounts.push(mount);
    else logWarning(ctx.log, `tobs.run.volumes: "${entry}" is not host:container[:options] with an absolute container path; skipped.`);
  }
  const devices = ctx.settings.devices.filter((device) => {
    const present = ctx.files.exists(deviceHostPath(device));
    if (!present) logWarning(ctx.log, `device ${deviceHostPath(device)} does not exist on this host; not passing it.`);
    return present;
  });
  return { name, image: ctx.settings.imageName, groups: gid === undefined ? [] : [gid], mounts, devices };
}

async function runCompose(ctx: CommandContext, argv: string[], env: Record<string, string>, kind: 'build-failed' | 'compose-failed', what: string): Promise<void> {
  logCommand(ctx.log, argv, env);
  const result = await ctx.runner.run({ argv, env, cwd: ctx.workspaceFolder, signal: ctx.signal, onLine: logOutput(ctx.log) });
  if (result.cancelled) throw new TobsError('cancelled', 'Cancelled.');
  if (succeeded(result)) return;
  if (kind === 'compose-failed') throw startFailure(result, 'the compose service');
  throw new TobsError(kind, `${what}: ${describeResult(result).split('\n').pop()}`, describeResult(result));
}

const SCRIPT_POLL_MS = 1000;

/**
 * Runs the run script. Scripts often keep the container in the foreground (`run --rm -it`), so the
 * script counts as started when it exits successfully or when the container is running; in the
 * second case it keeps running in the background until Stop.
 */
async function runScript(ctx: CommandContext, engine: ContainerEngine, script: string, containerName: string, gid: number | undefined): Promise<ContainerState> {
  const env: Record<string, string> = { TOBS_IMAGE: ctx.settings.imageName, TOBS_CONTAINER: containerName };
  if (gid !== undefined) env.RENDER_GID = String(gid);
  if (engine.name === 'podman') env.BUILDAH_FORMAT = 'docker';
  const argv = ['bash', script];
  logCommand(ctx.log, argv, env);
  const job = ctx.background.start(containerName);
  const stopWithOuter = () => job.abort();
  ctx.signal?.addEventListener('abort', stopWithOuter, { once: true });
  const exited = ctx.runner.run({ argv, env, cwd: ctx.workspaceFolder, signal: job.signal, onLine: logOutput(ctx.log) });
  void exited.then(() => ctx.background.finished(containerName, job));
  let scriptDone = false;
  void exited.then(() => (scriptDone = true));
  try {
    while (!scriptDone) {
      const state = await engine.inspect(containerName, ctx.signal);
      if (state?.running) return state;
      await Promise.race([exited, delay(SCRIPT_POLL_MS)]);
    }
    const result = await exited;
    if (result.cancelled) throw new TobsError('cancelled', 'Cancelled.');
    if (!succeeded(result)) throw new TobsError('script-failed', `${path.basename(script)} failed: ${describeResult(result).split('\n').pop()}`, describeResult(result));
    return engine.expectRunning(containerName, ctx.signal);
  } finally {
    ctx.signal?.removeEventListener('abort', stopWithOuter);
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export interface Started {
  engine: ContainerEngine;
  plan: Plan;
  state: ContainerState;
}

export async function buildAndRun(ctx: CommandContext): Promise<Started> {
  const prepared = await prepare(ctx);
  // The script path builds inside the script (it checks whether the image exists).
  if (prepared.plan.kind !== 'script') await buildImage(ctx, prepared);
  const state = await startContainer(ctx, prepared);
  step(ctx, 'Check health');
  ctx.log.append(healthSummary(state));
  return { engine: prepared.engine, plan: prepared.plan, state };
}

export async function runOnly(ctx: CommandContext): Promise<Started> {
  const prepared = await prepare(ctx);
  const state = await startContainer(ctx, prepared);
  ctx.log.append(healthSummary(state));
  return { engine: prepared.engine, plan: prepared.plan, state };
}

export async function buildOnly(ctx: CommandContext): Promise<void> {
  await buildImage(ctx, await prepare(ctx));
}

/** Stops the container; false when none exists. Also ends a run script still holding it. */
export async function stop(ctx: CommandContext): Promise<{ stopped: boolean; containerName: string }> {
  step(ctx, 'Detect the container engine');
  const engine = await connectEngine(ctx);
  const containerName = await resolveContainerName(ctx, engine);
  step(ctx, `Stop container ${containerName}`);
  const stopped = await engine.stop(containerName, ctx.signal);
  ctx.background.cancel(containerName);
  ctx.log.append(stopped ? `Stopped ${containerName}.` : `No container named ${containerName}.`);
  return { stopped, containerName };
}

/** The container this workspace's plan creates (compose may name it differently from the settings). */
export async function resolveContainerName(ctx: CommandContext, engine: ContainerEngine): Promise<string> {
  return (await choosePlan({ ...ctx, log: { append: () => undefined } }, engine.engine).catch(() => undefined))?.containerName ?? ctx.settings.containerName;
}

export function healthSummary(state: ContainerState): string {
  if (!state.hasHealthcheck) return `${state.name} is ${state.status}; the image declares no HEALTHCHECK.`;
  return `${state.name} is ${state.status}, health: ${state.health?.status ?? 'starting'}.`;
}
