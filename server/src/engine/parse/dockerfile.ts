import { DockerfileParser, Instruction, type Argument, type Dockerfile, type From, type Heredoc } from 'dockerfile-ast';
import type { SourceText } from '../text';

/**
 * dockerfile-ast reads an instruction's arguments from its text again on every call, and asks for
 * them several times per instruction while it parses (rules ask again). Nothing changes a parsed
 * instruction, so each reads them once: a quarter of the parse time of a long Dockerfile. Callers
 * get a copy, since some of dockerfile-ast's own shift flags off it.
 */
function readArgumentsOnce(): void {
  const proto = Instruction.prototype as unknown as { getRawArguments(this: Instruction): Argument[] };
  const read = proto.getRawArguments;
  const known = new WeakMap<Instruction, Argument[]>();
  proto.getRawArguments = function () {
    let args = known.get(this);
    if (!args) known.set(this, (args = read.call(this)));
    return args.slice();
  };
}
readArgumentsOnce();

/**
 * dockerfile-ast's heredoc reader throws on some damaged instructions (a continuation ended by a
 * lone CR before a comment line: "r\t\\\r#b"); rules and dockerfile-utils' validator call it
 * on every RUN and COPY. Such an instruction has no heredoc anyone could use: report none.
 */
function readHeredocsWithoutThrowing(): void {
  const proto = Instruction.prototype as unknown as { getHeredocs(this: Instruction): Heredoc[] };
  const read = proto.getHeredocs;
  proto.getHeredocs = function () {
    try {
      return read.call(this);
    } catch {
      return [];
    }
  };
}
readHeredocsWithoutThrowing();

export interface Stage {
  from: From;
  /** The instructions after this FROM, up to the next one. */
  instructions: Instruction[];
  /** `AS name`, lower-cased, if any. */
  name?: string;
}

export interface ParsedDockerfile {
  language: 'dockerfile';
  source: SourceText;
  ast: Dockerfile;
  /** Instructions before the first FROM (global ARGs, mostly). */
  preamble: Instruction[];
  stages: Stage[];
}

export function parseDockerfile(source: SourceText): ParsedDockerfile {
  return dockerfileOf(source, DockerfileParser.parse(source.parseText));
}

/** A parsed Dockerfile from its parse tree: the instructions split into preamble and stages. */
export function dockerfileOf(source: SourceText, ast: Dockerfile): ParsedDockerfile {
  const preamble: Instruction[] = [];
  const stages: Stage[] = [];
  for (const instruction of ast.getInstructions()) {
    if (instruction.getKeyword() === 'FROM') {
      const from = instruction as From;
      stages.push({ from, instructions: [], name: from.getBuildStage()?.toLowerCase() ?? undefined });
    } else if (stages.length) {
      stages[stages.length - 1].instructions.push(instruction);
    } else {
      preamble.push(instruction);
    }
  }
  return { language: 'dockerfile', source, ast, preamble, stages };
}

export function finalStage(df: ParsedDockerfile): Stage | undefined {
  return df.stages[df.stages.length - 1];
}
