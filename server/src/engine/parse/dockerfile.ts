import { DockerfileParser, type Dockerfile, type From, type Instruction } from 'dockerfile-ast';
import type { SourceText } from '../text';

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
  const ast = DockerfileParser.parse(source.parseText);
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

/** The stage's working directory after its last WORKDIR (relative WORKDIRs resolved). */
export function workdirOf(stage: Stage): string | undefined {
  let dir: string | undefined;
  for (const i of stage.instructions) {
    if (i.getKeyword() !== 'WORKDIR') continue;
    const arg = i.getArgumentsContent()?.trim();
    if (!arg) continue;
    dir = arg.startsWith('/') || !dir ? arg : `${dir.replace(/\/$/, '')}/${arg}`;
  }
  return dir;
}
