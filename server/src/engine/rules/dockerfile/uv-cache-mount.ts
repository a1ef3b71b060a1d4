// Without a cache mount every change to the dependency layer downloads and builds every wheel
// again; with one, uv reuses its cache across builds and the cache stays out of the image.

import { Run } from 'dockerfile-ast';
import { addFlagEdit } from '../../edit/dockerfile';
import type { ParsedDockerfile, Stage } from '../../parse/dockerfile';
import { defineRule } from '../../rule';
import { mountsOf, mountTarget, runScript } from './shared/run-script';
import { environmentAt, isRootUser, normalizePath, resolvePath, userAt } from './shared/stages';
import { installs, optionValues, hasOption, truthy, uvCalls, type UvCall } from './shared/uv';

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
  const script = runScript(file, run);
  const calls = new Map(uvCalls(script?.commands ?? []).filter(installs).map((c) => [c.command, c]));
  if (!script || !calls.size) return undefined;
  const line = run.getRange().start.line;
  const env = environmentAt(file, stage, line);
  const targets = mountsOf(run)
    .filter((m) => (m.options.get('type') ?? '').toLowerCase() === 'cache')
    .map((m) => mountTarget(m.options))
    .filter((t): t is string => !!t)
    .map((t) => normalizePath(resolvePath(t, env) ?? t));
  // Variables exported earlier in the same RUN count for the commands after them.
  const shellEnv = new Map(env);
  for (const command of script.commands) {
    const own = new Map(shellEnv);
    for (const a of command.assignments) {
      const eq = a.value.indexOf('=');
      own.set(a.value.slice(0, eq), a.value.slice(eq + 1));
      if (command.words[0]?.value === 'export' || command.words.length === 0) shellEnv.set(a.value.slice(0, eq), a.value.slice(eq + 1));
    }
    const call = calls.get(command);
    if (!call) continue;
    if (hasOption(call, '--no-cache', '--no-cache-dir', '-n') || truthy(own.get('UV_NO_CACHE'))) continue;
    const dirWord = optionValues(call, '--cache-dir')[0] ?? own.get('UV_CACHE_DIR') ?? (own.get('XDG_CACHE_HOME') && `${own.get('XDG_CACHE_HOME')}/uv`);
    const cacheDir = dirWord ? normalizePath(resolvePath(dirWord, own) ?? dirWord) : undefined;
    const covered = targets.some((t) =>
      cacheDir ? cacheDir === t || cacheDir.startsWith(t + '/') : /\/\.cache(\/uv)?$/.test(t),
    );
    if (!covered) return { run, call, cacheDir, otherUser: !cacheDir && !isRootUser(userAt(file, stage, line)) };
  }
  return undefined;
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
