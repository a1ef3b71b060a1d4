// `uv pip compile` + `uv pip install` in a RUN resolves the dependencies again at every build:
// what gets installed drifts from what was tested, and the lock file (if any) is ignored. A
// project with a pyproject.toml installs from its lock with `uv sync`.

import { Run } from 'dockerfile-ast';
import { shellWord } from '../../edit/dockerfile';
import { finalStage, type ParsedDockerfile, type Stage } from '../../parse/dockerfile';
import type { SimpleCommand } from '../../parse/shell';
import type { Project } from '../../project';
import { defineRule, type RuleContext } from '../../rule';
import type { Fix, TextEdit } from '../../types';
import { joinUri } from '../../uri';
import { copyLineBefore, copyOf, lockCopyEdit } from './shared/copies';
import { mayCallUv, runScript, type RunScript } from './shared/run-script';
import { stageChain } from './shared/stages';
import { hasOption, optionValues, usesLock, uvCalls, type UvCall } from './shared/uv';
import { pathHas, venvBin, venvPathEdit } from './shared/venv';

/** Options of `uv pip install` that mark a deliberate install on top of a synced environment. */
const DELIBERATE = ['--no-deps', '--index-url', '-i', '--extra-index-url', '--find-links', '-f'];
const REQUIREMENTS = ['-r', '--requirement', '--requirements'];

interface Resolving {
  stage: Stage;
  script: RunScript;
  /** The uv pip commands to replace or remove, in source order. */
  calls: UvCall[];
  reason: 'compile' | 'lockUnused';
  /** The requirement files its `uv pip compile` commands write. */
  outputs: string[];
  /** Installs of files that a `uv pip compile` in another RUN writes. */
  consumers: UvCall[];
}

function installsRequirementsOrProject(call: UvCall): boolean {
  if (optionValues(call, ...REQUIREMENTS).length) return true;
  return call.args.some((w) => w.value === '.' || w.value === './' || w.value === 'pyproject.toml');
}

const fileKey = (path: string) => path.replace(/^\.\//, '');

/** The requirement files that the `uv pip compile` commands among `calls` write. */
function compileOutputs(calls: UvCall[]): string[] {
  return calls.filter((c) => c.sub === 'pip compile').flatMap((c) => optionValues(c, '-o', '--output-file').map(fileKey));
}

/** Whether every uv pip command of `x` installs a file that a `uv pip compile` of `r` writes. */
function onlyInstallsOutputOf(x: Resolving, r: Resolving): boolean {
  const installsOutput = (c: UvCall) => optionValues(c, ...REQUIREMENTS).some((f) => r.outputs.includes(fileKey(f)));
  return x !== r && x.consumers.length === x.calls.length && x.consumers.every(installsOutput);
}

function findings(file: ParsedDockerfile, project: Project): Resolving[] {
  const contextUri = project.contextOf(file.source.uri);
  if (!project.exists(joinUri(contextUri, 'pyproject.toml'))) return [];
  const runs = file.stages.flatMap((stage) =>
    stage.instructions
      .filter((i): i is Run => i instanceof Run && mayCallUv(file, i))
      .map((run) => ({ stage, script: runScript(file, run) }))
      .filter((r): r is { stage: Stage; script: RunScript } => !!r.script)
      .map((r) => ({ ...r, calls: uvCalls(r.script.commands) })),
  );
  const hasLock = project.exists(joinUri(contextUri, 'uv.lock'));
  const lockUnused = hasLock && !runs.some((r) => r.calls.some(usesLock));
  const compiled = new Set(runs.flatMap((r) => compileOutputs(r.calls)));
  const out: Resolving[] = [];
  for (const { stage, script, calls } of runs) {
    const compiles = calls.some((c) => c.sub === 'pip compile');
    const consumes = (c: UvCall) => optionValues(c, ...REQUIREMENTS).some((r) => compiled.has(fileKey(r)));
    const flagged = calls.filter((c) => {
      if (c.sub === 'pip compile') return true;
      if (c.sub !== 'pip install' || hasOption(c, ...DELIBERATE) || !installsRequirementsOrProject(c)) return false;
      return compiles || consumes(c) || lockUnused;
    });
    if (!flagged.length) continue;
    out.push({
      stage,
      script,
      calls: flagged,
      reason: compiles || flagged.some(consumes) ? 'compile' : 'lockUnused',
      outputs: compileOutputs(calls),
      consumers: compiles ? [] : flagged.filter(consumes),
    });
  }
  return out;
}

function syncFix(ctx: RuleContext<'dockerfile'>, all: Resolving[], finding: Resolving): Fix | undefined {
  const { file, project } = ctx;
  // A RUN that only installs what another RUN compiles is fixed from that RUN.
  const r = all.find((x) => onlyInstallsOutputOf(finding, x)) ?? finding;
  const { script, stage, calls } = r;
  const run = script.run;
  if (script.execForm) return undefined;
  const source = file.source;
  const contextUri = project.contextOf(source.uri);
  const hasLock = project.exists(joinUri(contextUri, 'uv.lock'));
  const pyproject = copyOf(file, stage, run, 'pyproject.toml');
  const lock = hasLock ? copyOf(file, stage, run, 'uv.lock') : undefined;
  const projectSources = !!copyOf(file, stage, run, 'src');
  const pyprojectText = project.snapshot.get(joinUri(contextUri, 'pyproject.toml'))?.text ?? '';
  const packaged = /^\s*\[build-system\]/m.test(pyprojectText);

  const kept = keptOptions(calls);
  let command = 'uv sync';
  if (hasLock) command += ' --frozen';
  if (!kept.includes('--group dev') && !kept.includes('--all-groups')) command += ' --no-dev';
  // A packaged project builds itself during sync; before its sources are copied it cannot.
  if (packaged && !projectSources) command += ' --no-install-project';
  command += kept.map((o) => ` ${o}`).join('');

  const edits: TextEdit[] = [{ uri: source.uri, range: source.rangeOf(calls[0].command.start, calls[0].command.end), newText: command }];
  // The other uv pip commands go, with the operators that joined them; so do installs in later
  // RUNs of the files this RUN compiles.
  const removals = [removal(file, script, calls.slice(1).map((c) => c.command))];
  for (const other of all) {
    if (onlyInstallsOutputOf(other, r)) removals.push(removal(file, other.script, other.calls.map((c) => c.command)));
  }
  for (const e of removals) {
    if (!e) return undefined;
    edits.push(...e);
  }

  const missing = [!pyproject && 'pyproject.toml', hasLock && !lock && 'uv.lock'].filter((n): n is string => !!n);
  if (missing.length === 1 && missing[0] === 'uv.lock') {
    const edit = lockCopyEdit(file, stage, run, pyproject);
    if (!edit) return undefined;
    edits.push(edit);
  } else if (missing.length) {
    edits.push(copyLineBefore(file, stage, run, missing));
  }

  const bin = venvBin(file, stage, run);
  if (bin && !pathHas(file, stage, bin)) edits.push(venvPathEdit(file, run, bin));

  // In a build stage, later stages may copy what the old commands installed (site-packages):
  // offer the change, but do not apply it unasked.
  const preferred = stageChain(file, finalStage(file)!).includes(stage);
  return { title: `Install from the lock file with \`${command}\``, preferred, edits };
}

/** Choices of the replaced commands that `uv sync` understands too: groups, extras, no cache, bytecode. */
function keptOptions(calls: UvCall[]): string[] {
  const kept: string[] = [];
  for (const c of calls) {
    for (const name of ['--group', '--extra']) kept.push(...optionValues(c, name).map((v) => `${name} ${shellWord(v)}`));
    for (const flag of ['--all-groups', '--all-extras']) if (hasOption(c, flag)) kept.push(flag);
    if (hasOption(c, '--no-cache', '--no-cache-dir', '-n')) kept.push('--no-cache');
    if (hasOption(c, '--compile-bytecode', '--compile')) kept.push('--compile-bytecode');
  }
  return [...new Set(kept)];
}

/**
 * Edits that delete `commands` from a RUN with the operators that join them to their neighbours,
 * or the whole instruction when nothing else is left; undefined when a joint is more than `&&`,
 * `;` and line breaks (a pipe, a condition) and deleting would change what the rest means.
 */
function removal(file: ParsedDockerfile, script: RunScript, commands: SimpleCommand[]): TextEdit[] | undefined {
  if (!commands.length) return [];
  const source = file.source;
  const all = script.commands.filter((c) => !c.substituted);
  if (all.every((c) => commands.includes(c))) {
    const range = script.run.getRange();
    return [{ uri: source.uri, range: source.rangeOf(source.lineStartOffset(range.start.line), source.nextLineOffset(range.end.line)), newText: '' }];
  }
  const joint = (from: number, to: number) => /^(?:\s|\\\r?\n|&&|;)*$/.test(script.text.slice(from, to));
  const spans: [number, number][] = [];
  for (const c of commands) {
    const i = all.indexOf(c);
    if (i > 0 && joint(all[i - 1].end, c.start)) spans.push([all[i - 1].end, c.end]);
    else if (i === 0 && all.length > 1 && joint(c.end, all[1].start)) spans.push([c.start, all[1].start]);
    else return undefined;
  }
  spans.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
    else merged.push([...s]);
  }
  return merged.map(([a, b]) => ({ uri: source.uri, range: source.rangeOf(a, b), newText: '' }));
}

export default defineRule({
  meta: {
    id: 'dockerfile/uv-sync',
    language: 'dockerfile',
    severity: 'warning',
    description: 'A project with a pyproject.toml installs its dependencies with `uv sync` from the lock file, not `uv pip compile`/`install`.',
    messages: {
      compile: '`uv pip compile` resolves the dependencies again at every build, so the image may get other versions than the ones you tested; install the locked versions with `uv sync`.',
      lockUnused: '`uv pip install` resolves the dependencies again at every build while uv.lock is not used; install the locked versions with `uv sync`.',
    },
  },
  check(ctx) {
    for (const r of findings(ctx.file, ctx.project)) {
      const first = r.calls[0].command;
      ctx.report({
        range: ctx.file.source.rangeOf(first.start, first.end),
        messageId: r.reason,
        fixData: { line: r.script.run.getRange().start.line },
      });
    }
  },
  fix(ctx) {
    const all = findings(ctx.file, ctx.project);
    const r = all.find((x) => x.script.run.getRange().start.line === ctx.finding.data.line);
    const fix = r && syncFix(ctx, all, r);
    return fix ? [fix] : [];
  },
});
