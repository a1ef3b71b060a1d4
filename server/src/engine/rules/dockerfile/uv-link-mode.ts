// uv puts packages into the environment as hard links to its cache. A cache mount is another file
// system, so every link fails: uv warns on each build ("Failed to hardlink files; falling back to
// full copy") and copies anyway. `UV_LINK_MODE=copy` says so up front and silences the warning.

import { Env, Run, type Instruction } from 'dockerfile-ast';
import { insertLinesBefore, lineAboveComments } from '../../edit/dockerfile';
import type { ParsedDockerfile, Stage } from '../../parse/dockerfile';
import { tomlString } from '../../parse/pyproject';
import type { Project } from '../../project';
import { defineRule } from '../../rule';
import type { TextEdit } from '../../types';
import { joinUri } from '../../uri';
import { hasOption } from './shared/uv';
import { cacheUses, type CacheUse } from './shared/uv-cache';

/** ENV names that mark an instruction as the place for Python and uv settings. */
const SETTINGS_NAME = /^(UV_|PYTHON)/;

interface Linking {
  stage: Stage;
  run: Run;
  /** The first install of the RUN that links from a mounted cache without a link mode. */
  use: CacheUse;
}

/** `link-mode` in the build context's `pyproject.toml` (`[tool.uv]`) or `uv.toml`. */
function linkModeConfigured(file: ParsedDockerfile, project: Project): boolean {
  const context = project.contextOf(file.source.uri);
  const text = (name: string) => project.snapshot.get(joinUri(context, name))?.text ?? '';
  return !!(tomlString(text('pyproject.toml'), 'tool.uv', 'link-mode') ?? tomlString(text('uv.toml'), '', 'link-mode'));
}

function findings(file: ParsedDockerfile, project: Project): Linking[] {
  const out: Linking[] = [];
  for (const stage of file.stages) {
    for (const run of stage.instructions) {
      if (!(run instanceof Run)) continue;
      const use = cacheUses(file, stage, run).find((u) => u.mount && !u.env.has('UV_LINK_MODE') && !hasOption(u.call, '--link-mode'));
      if (use) out.push({ stage, run, use });
    }
  }
  return out.length && !linkModeConfigured(file, project) ? out : [];
}

/** The last ENV of the stage before `line` in `KEY=value` form that sets Python or uv variables. */
function settingsEnv(stage: Stage, line: number): Env | undefined {
  const envs = stage.instructions.filter((i): i is Env => i instanceof Env && i.getRange().start.line < line);
  return envs.reverse().find((e) => {
    const properties = e.getProperties();
    return properties.length > 0 && properties.every((p) => p.getAssignmentOperator() === '=') && properties.some((p) => SETTINGS_NAME.test(p.getName()));
  });
}

/** Adds `UV_LINK_MODE=copy` as a continued line of an ENV, indented like its other continued lines. */
function appendToEnv(file: ParsedDockerfile, env: Env): TextEdit {
  const source = file.source;
  const properties = env.getProperties();
  const end = properties[properties.length - 1].getRange().end;
  const indent = end.line > env.getRange().start.line ? source.indentOf(end.line) : '    ';
  return { uri: source.uri, range: { start: end, end }, newText: ` ${file.ast.getEscapeCharacter()}\n${indent}UV_LINK_MODE=copy` };
}

export default defineRule({
  meta: {
    id: 'dockerfile/uv-link-mode',
    language: 'dockerfile',
    severity: 'info',
    description: 'A RUN that installs with uv from a cache mount sets `UV_LINK_MODE=copy`.',
    messages: {
      hardlinks: '`uv {{sub}}` installs from a cache mount, another file system, so its hard links fail and uv warns on every build before it copies; set `UV_LINK_MODE=copy`.',
    },
  },
  check(ctx) {
    for (const f of findings(ctx.file, ctx.project)) {
      ctx.report({
        range: f.use.mount!.flag.getRange(),
        messageId: 'hardlinks',
        data: { sub: f.use.call.sub },
        fixData: { line: f.run.getRange().start.line },
      });
    }
  },
  fix(ctx) {
    const all = findings(ctx.file, ctx.project);
    const found = all.find((f) => f.run.getRange().start.line === ctx.finding.data.line);
    if (!found) return [];
    // Every finding of the stage gets the same edit, before its first RUN: one setting serves them all.
    const first = all.find((f) => f.stage === found.stage)!.run;
    const line = first.getRange().start.line;
    const env = settingsEnv(found.stage, line);
    let edit: TextEdit;
    if (env) {
      edit = appendToEnv(ctx.file, env);
    } else {
      const previous: Instruction = found.stage.instructions[found.stage.instructions.indexOf(first) - 1] ?? found.stage.from;
      edit = insertLinesBefore(ctx.file, lineAboveComments(ctx.file, line, previous.getRange().end.line + 1), 'ENV UV_LINK_MODE=copy\n');
    }
    return [{ title: 'Set UV_LINK_MODE=copy', preferred: true, edits: [edit] }];
  },
});
