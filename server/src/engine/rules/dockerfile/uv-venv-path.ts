// `uv sync` installs into a project venv (`<project>/.venv`), not into the system Python. A CMD
// that starts `python …` (or a program of the venv) finds neither the packages nor the program
// unless the venv's bin folder is on PATH; `uv run` finds the venv by itself.

import { Cmd, Copy, Entrypoint, Run, type Instruction } from 'dockerfile-ast';
import { finalStage, type ParsedDockerfile, type Stage } from '../../parse/dockerfile';
import { tomlKeys } from '../../parse/pyproject';
import { parseShell, type SimpleCommand, type Word } from '../../parse/shell';
import type { Project } from '../../project';
import { defineRule } from '../../rule';
import { basenameUri as basename, joinUri } from '../../uri';
import { argumentsOf } from './shared/copies';
import { fromImage } from './shared/image-ref';
import { runScript } from './shared/run-script';
import { environmentAt, inheritedInstructions, normalizePath, resolveAgainst, stageChain, workdirAt } from './shared/stages';
import { uvCallsOf } from './shared/uv';
import { pathHas, venvBin, venvPathEdit } from './shared/venv';

/** Programs that a Python app is commonly served with: installed as dependencies, into the venv. */
const PYTHON_SERVERS = new Set(['uvicorn', 'gunicorn', 'hypercorn', 'daphne', 'granian', 'fastapi', 'flask', 'celery', 'streamlit', 'django-admin']);
const PYTHON = /^python(\d+(\.\d+)*)?$/;
const SYSTEM_BIN = /^\/(usr\/(local\/)?)?bin\/[^/]+$/;
const SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh']);
/** Programs that start the rest of their words as a command, with how many words they take first. */
const WRAPPERS: Record<string, number> = { exec: 0, tini: 0, 'dumb-init': 0, '--': 0, gosu: 1, 'su-exec': 1, env: 0 };

interface Venv {
  bin: string;
  /** The RUN that syncs it, or the COPY that brings it into the image. */
  install: Instruction;
}

interface Unreachable {
  /** The program word of the CMD or ENTRYPOINT. */
  program: Word;
  venv: Venv;
}

/** The venvs in the image of `stage`: synced in it or a stage it is built on, or copied from another stage. */
function venvsOf(file: ParsedDockerfile, stage: Stage, seen: Stage[] = []): Venv[] {
  const out: Venv[] = [];
  for (const s of stageChain(file, stage)) {
    for (const i of s.instructions) {
      if (i instanceof Run) {
        const syncs = uvCallsOf(file, i).filter((c) => c.sub === 'sync');
        for (const call of syncs) {
          const bin = venvBin(file, s, i, call);
          if (bin) out.push({ bin, install: i });
        }
      } else if (i instanceof Copy) {
        out.push(...copiedVenvs(file, s, i, [...seen, stage]));
      }
    }
  }
  return out;
}

/** Where the venvs of the stage a `COPY --from` names land: a copied folder's contents go into the destination. */
function copiedVenvs(file: ParsedDockerfile, stage: Stage, copy: Copy, seen: Stage[]): Venv[] {
  const from = copy.getFromFlag()?.getValue()?.toLowerCase();
  const index = file.stages.indexOf(stage);
  const source = from === undefined ? undefined : /^\d+$/.test(from) ? file.stages[Number(from)] : file.stages.find((s) => s.name === from);
  if (!source || file.stages.indexOf(source) >= index || seen.includes(source)) return [];
  const args = argumentsOf(copy);
  if (args.length < 2) return [];
  const line = copy.getRange().start.line;
  const destination = resolveAgainst(workdirAt(file, stage, line), args[args.length - 1]);
  const out: Venv[] = [];
  for (const venv of venvsOf(file, source, seen)) {
    const dir = venv.bin.replace(/\/bin$/, '');
    for (const arg of args.slice(0, -1)) {
      const path = normalizePath(arg.startsWith('/') ? arg : `/${arg}`);
      if (dir === path || dir.startsWith(path === '/' ? '/' : path + '/')) {
        out.push({ bin: `${normalizePath(destination + dir.slice(path.length))}/bin`, install: copy });
      }
    }
  }
  return out;
}

/** The program names the venv provides that a CMD may start: the project's scripts and common servers. */
function venvPrograms(file: ParsedDockerfile, project: Project): Set<string> {
  const text = project.snapshot.get(joinUri(project.contextOf(file.source.uri), 'pyproject.toml'))?.text ?? '';
  return new Set([...PYTHON_SERVERS, ...tomlKeys(text, 'project.scripts'), ...tomlKeys(text, 'project.gui-scripts')]);
}

/** The words of a command after the wrappers that start it (`exec`, `tini --`, `gosu app`, `env A=b`). */
function unwrapped(words: readonly Word[]): Word[] {
  let k = 0;
  while (k < words.length && basename(words[k].value) in WRAPPERS) {
    k += 1 + WRAPPERS[basename(words[k].value)];
    while (k < words.length && (/^[A-Za-z_]\w*=/.test(words[k].value) || words[k].value === '--')) k++;
  }
  return words.slice(k);
}

type Verdict = { needs: Word } | 'finds' | 'unknown';

/**
 * Whether the commands start a program that needs the venv on PATH (`{ needs }`), find the venv
 * themselves (`uv run`, an activation, a path into the venv), or run something else.
 */
function judge(commands: readonly SimpleCommand[], bins: string[], workdir: string | undefined, programs: Set<string>): Verdict {
  for (const command of commands) {
    const words = unwrapped(command.words);
    const program = words[0]?.value;
    if (!program) continue;
    const name = basename(program);
    if ((program === 'source' || program === '.') && /\/activate$/.test(words[1]?.value ?? '')) return 'finds';
    if (name === 'uv' || name === 'uvx') return 'finds';
    if (SHELLS.has(name) && words[1]?.value === '-c' && words[2]) {
      // `sh -c "python …"`: the string is a script; a finding points at it whole.
      const inner = judge(parseShell(words[2].value).commands, bins, workdir, programs);
      return typeof inner === 'object' ? { needs: words[2] } : inner;
    }
    if (program.includes('/')) {
      const path = resolveAgainst(workdir, program);
      if (bins.some((b) => path.startsWith(b + '/'))) return 'finds';
      return PYTHON.test(name) && SYSTEM_BIN.test(path) ? { needs: words[0] } : 'unknown';
    }
    if (PYTHON.test(name) || programs.has(name)) return { needs: words[0] };
  }
  return 'unknown';
}

function unreachable(file: ParsedDockerfile, project: Project): Unreachable | undefined {
  const stage = finalStage(file);
  if (!stage) return undefined;
  // A base image named by a build argument may put anything on PATH.
  const base = fromImage(file, stageChain(file, stage)[0].from);
  if (!base || base.name.includes('$')) return undefined;
  const venvs = venvsOf(file, stage);
  if (!venvs.length || venvs.some((v) => pathHas(file, stage, v.bin))) return undefined;
  const pythonPath = environmentAt(file, stage).get('PYTHONPATH') ?? '';
  if (venvs.some((v) => pythonPath.includes(v.bin.replace(/\/bin$/, '/')))) return undefined;
  // What the container starts: the ENTRYPOINT when there is one, else the CMD.
  const inherited = inheritedInstructions(file, stage);
  const starter = inherited.filter((i): i is Entrypoint => i instanceof Entrypoint).pop() ?? inherited.filter((i): i is Cmd => i instanceof Cmd).pop();
  const script = starter && runScript(file, starter);
  if (!script) return undefined;
  const verdict = judge(script.commands, venvs.map((v) => v.bin), workdirAt(file, stage), venvPrograms(file, project));
  return typeof verdict === 'object' ? { program: verdict.needs, venv: venvs[venvs.length - 1] } : undefined;
}

export default defineRule({
  meta: {
    id: 'dockerfile/uv-venv-path',
    language: 'dockerfile',
    severity: 'warning',
    description: 'An image that installs with `uv sync` puts the venv on PATH (or starts with `uv run`).',
    messages: {
      notOnPath: '`{{program}}` starts without {{bin}} on PATH, so it does not see the packages `uv sync` installed into the venv; put the venv on PATH (`ENV PATH="{{bin}}:$PATH"`) or start with `uv run`.',
    },
  },
  check(ctx) {
    const found = unreachable(ctx.file, ctx.project);
    if (!found) return;
    const { program, venv } = found;
    const source = ctx.file.source;
    ctx.report({
      range: source.rangeOf(program.start, program.end),
      messageId: 'notOnPath',
      data: { program: basename(program.value.split(/\s/)[0]), bin: venv.bin },
      related: [{ uri: source.uri, range: venv.install.getRange(), message: `the venv ${venv.bin.replace(/\/bin$/, '')} is ${venv.install instanceof Run ? 'filled' : 'copied'} here` }],
    });
  },
  fix(ctx) {
    const found = unreachable(ctx.file, ctx.project);
    if (!found) return [];
    const { bin, install } = found.venv;
    return [{ title: `Put ${bin} on PATH`, preferred: true, edits: [venvPathEdit(ctx.file, install, bin)] }];
  },
});
