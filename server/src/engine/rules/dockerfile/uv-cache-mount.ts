// Without a cache mount every change to the dependency layer downloads and builds every wheel
// again; with one, uv reuses its cache across builds and the cache stays out of the image.

import { Run } from 'dockerfile-ast';
import { addFlagEdit } from '../../edit/dockerfile';
import type { ParsedDockerfile, Stage } from '../../parse/dockerfile';
import { defineRule } from '../../rule';
import { isRootUser, userAt } from './shared/stages';
import type { UvCall } from './shared/uv';
import { cacheUses } from './shared/uv-cache';

const DEFAULT_CACHE_DIR = '/root/.cache/uv';

interface Uncached {
  run: Run;
  call: UvCall;
  /** The cache directory the call uses when it is known (`--cache-dir`, `UV_CACHE_DIR`). */
  cacheDir?: string;
  /** The default cache of a user other than root: no target to suggest. */
  otherUser: boolean;
}

/** The first uv install of the RUN that uses the cache and has no cache mount over it. */
function uncached(file: ParsedDockerfile, stage: Stage, run: Run): Uncached | undefined {
  const use = cacheUses(file, stage, run).find((u) => !u.mount);
  if (!use) return undefined;
  const otherUser = !use.cacheDir && !isRootUser(userAt(file, stage, run.getRange().start.line));
  return { run, call: use.call, cacheDir: use.cacheDir, otherUser };
}

function findings(file: ParsedDockerfile): Uncached[] {
  const out: Uncached[] = [];
  for (const stage of file.stages) {
    for (const i of stage.instructions) {
      const u = i instanceof Run ? uncached(file, stage, i) : undefined;
      if (u) out.push(u);
    }
  }
  return out;
}

export default defineRule({
  meta: {
    id: 'dockerfile/uv-cache-mount',
    language: 'dockerfile',
    severity: 'warning',
    description: 'RUN instructions that install with uv mount a build cache on the uv cache directory.',
    messages: {
      noMount: '`uv {{sub}}` runs without a cache mount: every rebuild of this layer downloads all packages again. Add `--mount=type=cache,target={{target}}` to the RUN (or pass --no-cache if the cache is unwanted).',
    },
  },
  check(ctx) {
    for (const u of findings(ctx.file)) {
      ctx.report({
        range: ctx.file.source.rangeOf(u.call.command.start, u.call.command.end),
        messageId: 'noMount',
        data: { sub: u.call.sub, target: u.cacheDir ?? (u.otherUser ? '<home>/.cache/uv' : DEFAULT_CACHE_DIR) },
        fixData: { line: u.run.getRange().start.line },
      });
    }
  },
  fix(ctx) {
    const u = findings(ctx.file).find((x) => x.run.getRange().start.line === ctx.finding.data.line);
    if (!u || u.otherUser) return [];
    const target = u.cacheDir ?? DEFAULT_CACHE_DIR;
    const edit = addFlagEdit(ctx.file, u.run, `--mount=type=cache,target=${target}`);
    return edit ? [{ title: `Add a uv cache mount on ${target}`, preferred: true, edits: [edit] }] : [];
  },
});
