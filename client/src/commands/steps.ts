// The steps offered as `tobs` tasks; package.json's taskDefinitions enum lists these keys.

import type { CommandContext } from './context';
import { buildAndRun, buildOnly, connectEngine, resolveContainerName, runOnly, stop } from './operations';
import { logsArgv } from '../engine/argv';

async function followLogs(ctx: CommandContext): Promise<void> {
  const engine = await connectEngine(ctx);
  const name = await resolveContainerName(ctx, engine);
  await engine.exec(logsArgv(engine.name, name, true), { signal: ctx.signal });
}

export const TASK_STEPS = {
  buildAndRun: { name: 'Build & Run tobs', run: buildAndRun },
  build: { name: 'Build image', run: buildOnly },
  run: { name: 'Run container', run: runOnly },
  stop: { name: 'Stop container', run: stop },
  logs: { name: 'Follow logs', run: followLogs },
} as const satisfies Record<string, { name: string; run: (ctx: CommandContext) => Promise<unknown> }>;

export type TaskStep = keyof typeof TASK_STEPS;
