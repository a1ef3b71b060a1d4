// How each uv install of a RUN uses the uv cache: whether it uses one at all, which directory,
// and whether a cache mount of the RUN covers it. uv-cache-mount asks for a mount where there is
// none; uv-link-mode asks for a link mode where there is one.

import type { Run } from 'dockerfile-ast';
import type { ParsedDockerfile, Stage } from '../../../parse/dockerfile';
import { mayCallUv, mountsOf, mountTarget, runScript, type RunMount } from './run-script';
import { environmentAt, isRootUser, normalizePath, resolvePath, userAt } from './stages';
import { hasOption, installs, optionValues, truthy, uvCalls, type UvCall } from './uv';

export interface CacheUse {
  call: UvCall;
  /** The variables the call sees: the stage's ENV and ARGs, then exports and assignments of the RUN. */
  env: ReadonlyMap<string, string>;
  /** The cache directory the call uses when it is known (`--cache-dir`, `UV_CACHE_DIR`, `XDG_CACHE_HOME`). */
  cacheDir?: string;
  /** The cache mount of the RUN that covers the call's cache, if one does. */
  mount?: RunMount;
}

/** The uv installs of the RUN that use the cache (no `--no-cache`, no `UV_NO_CACHE`), in source order. */
export function cacheUses(file: ParsedDockerfile, stage: Stage, run: Run): CacheUse[] {
  const script = mayCallUv(file, run) ? runScript(file, run) : undefined;
  const calls = new Map(uvCalls(script?.commands ?? []).filter(installs).map((c) => [c.command, c]));
  if (!script || !calls.size) return [];
  const line = run.getRange().start.line;
  const env = environmentAt(file, stage, line);
  const root = isRootUser(userAt(file, stage, line));
  const mounts = mountsOf(run)
    .filter((m) => (m.options.get('type') ?? '').toLowerCase() === 'cache')
    .map((m) => ({ mount: m, target: mountTarget(m.options) }))
    .filter((m): m is { mount: typeof m.mount; target: string } => !!m.target)
    .map((m) => ({ ...m, target: normalizePath(resolvePath(m.target, env) ?? m.target) }));
  // Variables exported earlier in the same RUN count for the commands after them.
  const shellEnv = new Map(env);
  const out: CacheUse[] = [];
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
    // Without a setting the cache is under the user's home: root's is known, another user's may be anywhere.
    const home = own.get('HOME') ?? (root ? '/root' : undefined);
    const used = cacheDir ?? (home && `${normalizePath(home)}/.cache/uv`);
    const covering = mounts.find(({ target: t }) => (used ? used === t || used.startsWith(t + '/') : /\/\.cache(\/uv)?$/.test(t)));
    out.push({ call, env: own, cacheDir, mount: covering?.mount });
  }
  return out;
}
