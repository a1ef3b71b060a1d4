// `uv sync --frozen` and `--locked` install exactly what uv.lock says, so they need it: without
// uv.lock in the project folder the build stops ("Unable to find lockfile at `uv.lock`").

import { Copy, Run, type Instruction } from 'dockerfile-ast';
import type { ParsedDockerfile, Stage } from '../../parse/dockerfile';
import { defineRule } from '../../rule';
import { argumentsOf, copyOf, lockCopyEdit } from './shared/copies';
import { mountsOf, mountTarget } from './shared/run-script';
import { environmentAt, inheritedInstructions, resolveAgainst, stageOf, workdirAt } from './shared/stages';
import { hasOption, projectDir, truthy, usesLock, uvCallsOf, type UvCall } from './shared/uv';

interface Unlocked {
  stage: Stage;
  run: Run;
  call: UvCall;
  /** The folder uv looks for uv.lock in. */
  project: string;
}

/** The option (or variable) that makes the call insist on the lock: `--frozen`, `--locked`, `UV_FROZEN`, `UV_LOCKED`. */
function strictness(call: UvCall, env: ReadonlyMap<string, string>): string | undefined {
  const flag = call.words.find((w) => w.value === '--frozen' || w.value === '--locked');
  if (flag) return flag.value;
  const own = new Map(call.command.assignments.map((a) => [a.value.slice(0, a.value.indexOf('=')), a.value.slice(a.value.indexOf('=') + 1)]));
  return ['UV_FROZEN', 'UV_LOCKED'].find((name) => truthy(own.get(name) ?? env.get(name)));
}

/** Whether `path` is `folder` or one of its parents. */
function covers(path: string, folder: string): boolean {
  return path === folder || path === '/' || folder.startsWith(path + '/');
}

/**
 * Something before the call may put a lock in the project that no source names: a copy from
 * another stage or image, a URL or git source, a folder of the context copied into the project, a
 * bind mount from another stage, or `uv lock` itself.
 */
function lockMayComeOtherwise(file: ParsedDockerfile, stage: Stage, run: Run, call: UvCall, project: string): boolean {
  if (uvCallsOf(file, run).some((c) => c.sub === 'lock' && c.command.start < call.command.start)) return true;
  const line = run.getRange().start.line;
  for (const m of mountsOf(run)) {
    const target = mountTarget(m.options);
    if ((m.options.get('type') ?? '') === 'bind' && m.options.has('from') && target && covers(resolveAgainst(workdirAt(file, stage, line), target), project)) return true;
  }
  return inheritedInstructions(file, stage, line).some((i: Instruction) => {
    if (i instanceof Run) return uvCallsOf(file, i).some((c) => c.sub === 'lock');
    if (i.getKeyword() !== 'COPY' && i.getKeyword() !== 'ADD') return false;
    const args = argumentsOf(i);
    if (args.length < 2) return false;
    const destination = resolveAgainst(workdirAt(file, stageOf(file, i) ?? stage, i.getRange().start.line), args[args.length - 1]);
    const sources = args.slice(0, -1);
    if ((i instanceof Copy && i.getFromFlag()) || sources.some((a) => /^[a-z]+:\/\/|^git@/i.test(a))) return covers(destination, project);
    // A folder of the context (`backend/`, `.`) copied into the project or above it may hold the project's lock.
    return covers(destination, project) && sources.some((a) => a.endsWith('/') || a === '.' || !/\.[^/]*$/.test(a));
  });
}

function findings(file: ParsedDockerfile): Unlocked[] {
  const out: Unlocked[] = [];
  for (const stage of file.stages) {
    for (const run of stage.instructions) {
      if (!(run instanceof Run)) continue;
      const calls = uvCallsOf(file, run);
      if (!calls.length) continue;
      const line = run.getRange().start.line;
      const env = environmentAt(file, stage, line);
      for (const call of calls) {
        if (!usesLock(call) || !strictness(call, env) || hasOption(call, '--script')) continue;
        const project = projectDir(call, workdirAt(file, stage, line));
        if (copyOf(file, stage, run, 'uv.lock', project) || lockMayComeOtherwise(file, stage, run, call, project)) continue;
        out.push({ stage, run, call, project });
      }
    }
  }
  return out;
}

export default defineRule({
  meta: {
    id: 'dockerfile/uv-lock-not-copied',
    language: 'dockerfile',
    severity: 'warning',
    description: '`uv sync --frozen`/`--locked` runs after uv.lock is copied (or bind-mounted) into the project folder.',
    messages: {
      noLock: '`uv {{sub}}` with {{strict}} needs uv.lock in {{project}}, but nothing brings it there before this RUN: the build stops with "Unable to find lockfile". Copy uv.lock in with pyproject.toml.',
    },
  },
  check(ctx) {
    const source = ctx.file.source;
    for (const u of findings(ctx.file)) {
      const env = environmentAt(ctx.file, u.stage, u.run.getRange().start.line);
      ctx.report({
        range: source.rangeOf(u.call.command.start, u.call.command.end),
        messageId: 'noLock',
        data: { sub: u.call.sub, strict: `\`${strictness(u.call, env)}\``, project: u.project },
        fixData: { start: u.call.command.start },
      });
    }
  },
  fix(ctx) {
    const u = findings(ctx.file).find((x) => x.call.command.start === ctx.finding.data.start);
    if (!u) return [];
    const pyproject = copyOf(ctx.file, u.stage, u.run, 'pyproject.toml', u.project);
    const edit = lockCopyEdit(ctx.file, u.stage, u.run, pyproject, u.project);
    return edit ? [{ title: 'Copy uv.lock into the image before the install', preferred: true, edits: [edit] }] : [];
  },
});
