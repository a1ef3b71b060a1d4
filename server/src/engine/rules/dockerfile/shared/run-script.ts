// The shell commands of a RUN instruction (or a CMD or ENTRYPOINT), with exact source offsets. The
// argument text is read the way the builder reads it: comment and empty lines inside `\`
// continuations are dropped (here blanked, so offsets stay true), heredoc bodies that the shell
// runs (`RUN <<EOF`, `RUN bash <<EOF`) are commands too, and the exec form (`RUN ["uv", "sync"]`)
// is one command of literal words.

import { Run, type Flag, type JSONInstruction } from 'dockerfile-ast';
import type { ParsedDockerfile } from '../../../parse/dockerfile';
import type { SourceText } from '../../../text';
import { parseShell, type SimpleCommand, type Word } from '../../../parse/shell';
import { basenameUri as basename } from '../../../uri';

/** A RUN, CMD or ENTRYPOINT: the instructions whose arguments are a shell command or an exec form. */
type CommandInstruction = JSONInstruction;

export interface RunScript<I extends CommandInstruction = Run> {
  run: I;
  execForm: boolean;
  /** Commands in source order; every offset is an offset in the file. */
  commands: SimpleCommand[];
  /** The file's text with comment lines inside the RUN blanked: gaps between commands can be read from it. */
  text: string;
}

const SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh', 'mksh']);
const CONTINUATION = (escape: string) => new RegExp(`${escape === '\\' ? '\\\\' : escape}[ \\t]*\\r?$`);

/**
 * Parsed RUNs: the parse cache keeps a file's instructions while its text is unchanged, so rules
 * share this work. A script holds offsets in its file's text, and an edited open Dockerfile keeps
 * the instructions the edit did not touch: a script is reused for the same text only.
 */
const scripts = new WeakMap<CommandInstruction, { source: SourceText; script: RunScript<CommandInstruction> | undefined }>();

/**
 * Whether the instruction's text could hold a word whose value is `uv` (`uv …`, `/bin/uv …`,
 * `python -m uv …`): a word's value is its source text without quotes, backslashes and line
 * continuations, so `uv` must appear with at most those between its letters. Rules about uv
 * calls ask this before reading the shell script: most RUNs never mention uv, and reading every
 * RUN's script was most of the CLI's time on Dockerfiles.
 */
export function mayCallUv(file: ParsedDockerfile, instruction: CommandInstruction): boolean {
  const range = instruction.getRange();
  return MAY_CALL_UV.test(file.source.parseText.slice(file.source.offsetAt(range.start), file.source.offsetAt(range.end)));
}

const MAY_CALL_UV = /u[\\'"$`\r\n]*v/;

export function runScript<I extends CommandInstruction = Run>(file: ParsedDockerfile, run: I): RunScript<I> | undefined {
  let known = scripts.get(run);
  if (known?.source !== file.source) scripts.set(run, (known = { source: file.source, script: readRunScript(file, run) }));
  return known.script as RunScript<I> | undefined;
}

function readRunScript<I extends CommandInstruction>(file: ParsedDockerfile, run: I): RunScript<I> | undefined {
  const args = run.getArgumentsRange();
  if (!args) return undefined;
  const source = file.source;
  const base = source.offsetAt(args.start);
  const end = source.offsetAt(run.getRange().end);
  if (run.getOpeningBracket() && run.getClosingBracket()) {
    const words = run.getJSONStrings().map((s) => {
      const start = source.offsetAt(s.getRange().start);
      const stop = source.offsetAt(s.getRange().end);
      const parts: Word['parts'] = [{ kind: 'text', quoting: 'double', start: start + 1, end: stop - 1 }];
      const raw = source.text.slice(start, stop);
      return { start, end: stop, raw, value: jsonValue(raw) ?? s.getJSONValue(), quoted: true, hasExpansion: false, unquotedExpansion: false, parts };
    });
    const commands: SimpleCommand[] = words.length
      ? [{ assignments: [], words, start: words[0].start, end: words[words.length - 1].end, after: 'start', conditional: false, negated: false, depth: 0, inFunction: false, substituted: false }]
      : [];
    return { run, execForm: true, commands, text: source.parseText };
  }
  // A heredoc is a RUN's: a CMD or ENTRYPOINT has none.
  const heredocs = run instanceof Run ? run.getHeredocs() : [];
  const bodies = heredocs.map((h) => ({
    startLine: h.getStartRange().start.line,
    start: source.offsetAt(h.getStartRange().start),
    bodyStart: h.getContentRange() ? source.offsetAt(h.getContentRange()!.start) : undefined,
    bodyEnd: h.getContentRange() ? source.offsetAt(h.getContentRange()!.end) : undefined,
    regionEnd: source.offsetAt((h.getDelimiterRange() ?? h.getContentRange() ?? h.getStartRange()).end),
  }));
  const inBody = (offset: number) => bodies.some((b) => b.bodyStart !== undefined && offset >= b.bodyStart && offset <= b.regionEnd);
  // Only the RUN's own text is scanned: copying the whole file for each RUN made long files quadratic.
  const region = blankContinuationComments(source.parseText, base, end, file.ast.getEscapeCharacter(), inBody);
  const scanned = (from: number, to: number) =>
    source.parseText.slice(from, Math.min(to, base)) + region.slice(Math.max(from, base) - base, Math.max(0, Math.min(to, end) - base)) + source.parseText.slice(Math.max(from, end), to);
  const commands = shifted(parseShell(region, { dockerfileComments: true }).commands, base);
  for (const body of bodies) {
    if (body.bodyStart === undefined || body.bodyEnd === undefined) continue;
    const owner = [...commands].reverse().find((c) => c.start < body.start && /^[^;&|\n]*$/.test(scanned(c.end, body.start)));
    const text = scanned(body.bodyStart, body.bodyEnd);
    if (!runsAsShell(owner, text)) continue;
    commands.push(...shifted(parseShell(text).commands, body.bodyStart));
  }
  commands.sort((a, b) => a.start - b.start);
  // A rope of three pieces, flattened only if a rule reads it.
  return { run, execForm: false, commands, text: source.parseText.slice(0, base) + region + source.parseText.slice(end) };
}

/**
 * The string a JSON argument stands for. dockerfile-ast's own value drops its spaces and keeps
 * its escapes (`"python -m \"app\""` → `python-m\"app\"`).
 */
function jsonValue(raw: string): string | undefined {
  try {
    const value: unknown = JSON.parse(raw);
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a heredoc body is a shell script: no command before it or a shell without `-c`, and no other interpreter's shebang. */
function runsAsShell(owner: SimpleCommand | undefined, body: string): boolean {
  const shebang = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(body);
  if (shebang) {
    const interpreter = basename(shebang[1]) === 'env' ? shebang[2] ?? '' : basename(shebang[1]);
    if (!SHELLS.has(interpreter)) return false;
  }
  if (!owner || owner.words.length === 0) return true;
  return SHELLS.has(basename(owner.words[0].value)) && !owner.words.some((w) => w.value === '-c');
}

/**
 * The text from `start` to `end` with every comment or empty line inside a continued instruction
 * replaced by spaces, its line break included, the way the builder drops those lines before the
 * shell sees them.
 * A non-backslash escape character's continuations become backslashes, for the shell tokenizer.
 */
function blankContinuationComments(text: string, start: number, end: number, escape: string, inBody: (offset: number) => boolean): string {
  const continued = CONTINUATION(escape);
  let out = '';
  let at = start;
  let continuing = false;
  while (at < end) {
    let lineEnd = text.indexOf('\n', at);
    if (lineEnd < 0 || lineEnd >= end) lineEnd = end;
    const withBreak = Math.min(lineEnd + 1, end);
    let line = text.slice(at, withBreak);
    if (inBody(at)) {
      continuing = false;
    } else if (continuing && at > start && /^\s*(#.*)?$/.test(text.slice(at, lineEnd))) {
      line = line.replace(/[^\r\n]|\r?\n$/g, (c) => ' '.repeat(c.length));
    } else {
      continuing = continued.test(text.slice(at, lineEnd));
      if (continuing && escape !== '\\') line = line.replace(new RegExp(`${escape}([ \\t]*\\r?\\n?)$`), '\\$1');
    }
    out += line;
    at = withBreak;
  }
  return out;
}

function shifted(commands: SimpleCommand[], by: number): SimpleCommand[] {
  const word = (w: Word): Word => ({ ...w, start: w.start + by, end: w.end + by, parts: w.parts.map((p) => ({ ...p, start: p.start + by, end: p.end + by })) });
  return commands.map((c) => ({ ...c, start: c.start + by, end: c.end + by, words: c.words.map(word), assignments: c.assignments.map(word) }));
}

export interface RunMount {
  flag: Flag;
  /** `type`, `target`, `source`, … lower-cased, with their values. */
  options: Map<string, string>;
}

/** The `--mount` flags of a RUN as option maps. */
export function mountsOf(run: Run): RunMount[] {
  return run
    .getFlags()
    .filter((f) => f.getName().toLowerCase() === 'mount')
    .map((flag) => ({ flag, options: new Map(flag.getOptions().map((o) => [o.getName().toLowerCase(), o.getValue() ?? ''])) }));
}

/** A mount's target, under any of its spellings. */
export function mountTarget(options: Map<string, string>): string | undefined {
  return options.get('target') ?? options.get('dst') ?? options.get('destination');
}
