// Whether an image runs a long-lived service: the only kind of container a healthcheck means
// something for. Judged on the real-world corpus, where most images without a HEALTHCHECK are
// not services at all: base images (no CMD or ENTRYPOINT: the official python, golang, .NET
// runtime images), interactive ones (`CMD ["python3"]`, `php -a`, a shell), idle dev containers
// (`sleep infinity`), `--help` defaults, and desktop or command-line tools run in a container
// (slack, strace, a stdio MCP server). An image counts as a service when it publishes a port or
// starts a Python application (`python -m app`, uvicorn, gunicorn, `uv run` …).

import { JSONInstruction, type Instruction } from 'dockerfile-ast';
import type { ParsedDockerfile, Stage } from '../../../parse/dockerfile';
import { basenameUri as basename } from '../../../uri';
import { inheritedInstructions, lastInstruction, stageChain } from './stages';

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'fish', 'cmd', 'powershell', 'pwsh']);
/** Interpreters that, without a program to run, open a prompt. */
const INTERPRETERS = /^(python[\d.]*|ipython\d?|node|nodejs|php|ruby|irb|perl|lua|R|julia|jshell|ghci|bun|deno)$/;
/** Commands that exit at once or only keep a container idle. */
const IDLE = new Set(['sleep', 'tail', 'true', 'false', 'echo', 'cat', 'env', 'printenv', 'ls', 'date', 'id', 'whoami', 'top', 'htop', 'pwd', 'uname']);
/** Programs that only hand over to the rest of the command line. */
const WRAPPERS = /^(tini|dumb-init|catatonit|exec|env|nohup|gosu|su-exec|chpst|s6-setuidgid)$/;
const ENTRYPOINT_SCRIPT = /(^|[-_])entrypoint([-_.]|$)/;
const HELP = new Set(['--help', '-h', 'help', '--version', '-V', 'version']);
const PYTHON = /^python[\d.]*$/;
/** Python application servers and runners. */
const PYTHON_SERVERS = /^(uvicorn|gunicorn|hypercorn|granian|daphne|waitress-serve|celery|flask|fastapi|streamlit|gradio|jupyter|jupyter-lab|dramatiq|rq|huey_consumer|panel|bokeh|chainlit|mlflow|dagster|airflow|litestar|sanic)$/;

function words(instruction: Instruction): string[] {
  if (instruction instanceof JSONInstruction && instruction.getOpeningBracket() && instruction.getClosingBracket()) {
    return instruction.getJSONStrings().map((s) => s.getJSONValue());
  }
  return instruction.getArguments().map((a) => a.getValue());
}

/** ENTRYPOINT and CMD of the stage, as the engine would start them (the later of each wins). */
export function startCommand(file: ParsedDockerfile, stage: Stage): { entrypoint: string[]; cmd: string[] } {
  const entrypoint = lastInstruction(file, stage, 'ENTRYPOINT');
  const cmd = lastInstruction(file, stage, 'CMD');
  return { entrypoint: entrypoint ? words(entrypoint) : [], cmd: cmd ? words(cmd) : [] };
}

/** The command line without the wrappers and entrypoint scripts that only pass it on. */
function effective(argv: string[]): string[] {
  let rest = argv;
  for (;;) {
    const first = rest[0];
    if (first === undefined) return rest;
    const name = basename(first);
    if (SHELLS.has(name) && rest[1] === '-c' && rest[2] !== undefined) rest = rest[2].trim().split(/\s+/);
    else if (WRAPPERS.test(name) || name === '--') rest = rest.slice(name === 'gosu' || name === 'su-exec' || name === 's6-setuidgid' ? 2 : 1);
    else if (ENTRYPOINT_SCRIPT.test(name) && rest.length > 1) rest = rest.slice(1);
    else return rest;
  }
}

function launchesPythonApp(argv: string[]): boolean {
  const [first, ...args] = argv.map(basename);
  if (PYTHON_SERVERS.test(first) || args.includes('manage.py')) return true;
  if (PYTHON.test(first)) return args.some((a, i) => a === '-m' || (/\.py$/.test(a) && args[i - 1] !== '-c'));
  return ['uv', 'poetry', 'pipenv', 'pdm', 'hatch'].includes(first) && args[0] === 'run' && args.length > 1;
}

export interface CommandOverride {
  /** compose `entrypoint:` and `command:`, when the service sets them. */
  entrypoint?: string[];
  command?: string[];
  /** compose `ports:` or `expose:`. */
  publishesPorts?: boolean;
}

/** Whether the stage (started as `override` says, if given) runs a long-lived service. */
export function runsAService(file: ParsedDockerfile, stage: Stage, override: CommandOverride = {}): boolean {
  const image = startCommand(file, stage);
  const argv = effective([...(override.entrypoint ?? image.entrypoint), ...(override.command ?? image.cmd)]);
  if (!argv.length || argv.some((w) => HELP.has(w))) return false;
  const first = basename(argv[0]);
  if (SHELLS.has(first) || IDLE.has(first)) return false;
  if (INTERPRETERS.test(first) && argv.slice(1).every((w) => w.startsWith('-'))) return false;
  const exposes = inheritedInstructions(file, stage).some((i) => i.getKeyword() === 'EXPOSE');
  return exposes || !!override.publishesPorts || launchesPythonApp(argv);
}

/** Whether the image has a Python to run the default (Python) healthcheck with. */
export function imageHasPython(file: ParsedDockerfile, stage: Stage): boolean {
  const images = stageChain(file, stage).map((s) => s.from.getImage() ?? '');
  const { entrypoint, cmd } = startCommand(file, stage);
  return images.some((i) => /python/i.test(i)) || launchesPythonApp(effective([...entrypoint, ...cmd]));
}
