// A script that runs an image this project builds fails on a fresh machine with a confusing pull
// error ("repository not found", "requested access to the resource is denied"): the engine looks
// for the image in a registry. A guard before the run builds the image when it is missing (podman
// with `--format docker`, since podman's default OCI format drops HEALTHCHECK).

import { shellWord } from '../../edit/dockerfile';
import { indentAt, indentUnit, insertLines, insideDoubleQuotes, pointBefore, quoteWord, reindent } from '../../edit/shell';
import { isBuild, optionValues, privilegePrefix, runImage, type EngineCommand } from '../../parse/engine-cli';
import type { ParsedScript } from '../../parse/script';
import { resolveValue, type SimpleCommand } from '../../parse/shell';
import { normalizeImage, type Project } from '../../project';
import { defineRule } from '../../rule';
import { uriKey } from '../../snapshot';
import type { Fix, Options } from '../../types';
import { basenameUri, dirnameUri } from '../../uri';
import { runCommands } from './shared/runs';

/** Subcommands that look an image up (or fetch it) before it is run. */
const IMAGE_CHECKS = new Set(['image exists', 'image inspect', 'inspect', 'images', 'image ls', 'image list', 'pull', 'image pull']);
const COMPOSE_COMMANDS = new Set(['docker-compose', 'podman-compose']);
const TESTS = new Set(['[', '[[', 'test']);

interface LocalRun {
  cmd: EngineCommand;
  /** The image as the script resolves it, before normalising. */
  image: string;
  /** The Dockerfile that builds it, when the project knows. */
  dockerfileUri?: string;
}

/** Runs of images that exist only where they were built: the project's own, and `localhost/…`. */
function localRuns(file: ParsedScript, project: Project, options: Options): LocalRun[] {
  const configured = options.image ? normalizeImage(options.image) : undefined;
  const out: LocalRun[] = [];
  for (const cmd of runCommands(file)) {
    const word = runImage(cmd);
    const image = word && resolveValue(word.value, file.vars);
    if (!image) continue;
    const normalized = normalizeImage(image);
    const dockerfileUri = project.builtImages.get(normalized);
    if (dockerfileUri || image.startsWith('localhost/') || normalized === configured) out.push({ cmd, image, dockerfileUri });
  }
  return out;
}

/** Something before the run makes sure the image is there: a lookup, a pull, an unconditional build. */
function isGuarded(file: ParsedScript, run: LocalRun): boolean {
  const target = normalizeImage(run.image);
  const names = (words: { value: string }[]) => words.map((w) => resolveValue(w.value, file.vars));
  const matches = (refs: (string | undefined)[]) => refs.some((r) => r === undefined || normalizeImage(r) === target);
  for (const e of file.engineCommands) {
    if (e.command.start >= run.cmd.command.start) break;
    if (IMAGE_CHECKS.has(e.sub) && matches(names(e.positionals))) return true;
    const tags = optionValues(e, '--tag').flatMap((o) => (o.value ? [o.value] : []));
    if (isBuild(e) && runsAnyway(file, e.command) && matches(names(tags))) return true;
    if (e.sub === 'compose' && runsAnyway(file, e.command) && e.positionals.some((w) => w.value === 'build')) return true;
  }
  return file.script.commands.some(
    (c) => c.start < run.cmd.command.start && runsAnyway(file, c) && COMPOSE_COMMANDS.has(c.words[0]?.value ?? '') && c.words.some((w) => w.value === 'build'),
  );
}

/**
 * The command runs whenever the script gets that far: it is not conditional, or only follows
 * `&&` after an ordinary command (`cd "$dir" && podman build …`), not after a test.
 */
function runsAnyway(file: ParsedScript, command: SimpleCommand): boolean {
  if (!command.conditional) return true;
  if (command.after !== '&&') return false;
  const previous = file.script.commands.filter((c) => c.start < command.start && c.substituted === command.substituted && c.depth === command.depth).pop();
  return !!previous && !TESTS.has(previous.words[0]?.value ?? '') && runsAnyway(file, previous);
}

export default defineRule({
  meta: {
    id: 'script/image-exists-check',
    language: 'shell',
    severity: 'warning',
    description: 'Before running an image the project builds, the script checks that it exists (and builds it when it does not).',
    messages: {
      unchecked: 'The script runs {{image}}, which this project builds, without checking that it exists: on a machine where it was never built the engine tries a registry and fails with a pull error instead of building it.',
    },
  },
  check(ctx) {
    for (const run of localRuns(ctx.file, ctx.project, ctx.options)) {
      if (isGuarded(ctx.file, run)) continue;
      const word = runImage(run.cmd)!;
      ctx.report({ range: ctx.file.source.rangeOf(word.start, word.end), messageId: 'unchecked', data: { image: run.image } });
    }
  },
  fix(ctx) {
    const offset = ctx.file.source.offsetAt(ctx.finding.range.start);
    const run = localRuns(ctx.file, ctx.project, ctx.options).find((r) => runImage(r.cmd)!.start === offset);
    const at = run && pointBefore(ctx.file, run.cmd.command);
    if (!run || at === undefined || isGuarded(ctx.file, run)) return [];
    const guard = guardText(ctx.file, run);
    const build = run.dockerfileUri && buildCommand(ctx.file, ctx.project, run, run.dockerfileUri);
    const fail = [`  echo "error: image ${guard.message} not found; build it first" >&2`, '  exit 1'];
    const variants: [string, string[]][] = build
      ? [
          [`Build ${run.image} when it is missing`, [`  echo "Image ${guard.message} not found; building it..." >&2`, `  ${build}`]],
          [`Stop with an error when ${run.image} is missing`, fail],
        ]
      : [[`Stop with an error when ${run.image} is missing`, fail]];
    const unit = indentUnit(ctx.file);
    const indent = indentAt(ctx.file, at);
    return variants.map(([title, body], k): Fix => {
      const lines = reindent([`if ! ${guard.check}; then`, ...body, 'fi', ''], unit);
      return { title, preferred: k === 0, edits: [insertLines(ctx.file, at, lines, indent)] };
    });
  },
});

/** The lookup command (`podman image exists "$IMAGE"`) and the image as a message shows it. */
function guardText(file: ParsedScript, run: LocalRun): { check: string; message: string } {
  const text = file.source.text;
  const word = runImage(run.cmd)!;
  const image = word.unquotedExpansion ? quoteWord(text, word) : word.raw;
  const engine = engineText(run.cmd);
  const check = run.cmd.engine === 'podman' ? `${engine} image exists ${image}` : `${engine} image inspect ${image} >/dev/null 2>&1`;
  return { check, message: insideDoubleQuotes(text, word) };
}

/** The engine as the run invokes it, with `sudo` but without `exec`, `env` or `nohup`. */
function engineText(cmd: EngineCommand): string {
  return [...privilegePrefix(cmd), cmd.engineWord].map((w) => w.raw).join(' ');
}

/** The build that makes the image, run from the script's folder. */
function buildCommand(file: ParsedScript, project: Project, run: LocalRun, dockerfileUri: string): string {
  const word = runImage(run.cmd)!;
  const image = word.unquotedExpansion ? quoteWord(file.source.text, word) : word.raw;
  const scriptDir = dirnameUri(uriKey(file.source.uri));
  const contextUri = project.contextOf(dockerfileUri);
  const defaultNames = run.cmd.engine === 'podman' ? ['Containerfile', 'Dockerfile'] : ['Dockerfile'];
  const defaultFile = dirnameUri(dockerfileUri) === contextUri && defaultNames.includes(basenameUri(dockerfileUri));
  const fileFlag = defaultFile ? '' : ` -f ${shellWord(relativePath(scriptDir, dockerfileUri))}`;
  // podman's default OCI format drops HEALTHCHECK; docker has no --format for builds.
  const format = run.cmd.engine === 'podman' ? ' --format docker' : '';
  return `${engineText(run.cmd)} build${format} -t ${image}${fileFlag} ${shellWord(relativePath(scriptDir, contextUri))}`;
}

/** The POSIX path from one folder URI to another URI: `.`, `sub/dir`, `../app`. */
function relativePath(fromDir: string, to: string): string {
  const from = fromDir.split('/');
  const target = to.split('/');
  let common = 0;
  while (common < from.length && common < target.length && from[common] === target[common]) common++;
  const up = from.slice(common).map(() => '..');
  return [...up, ...target.slice(common)].join('/') || '.';
}
