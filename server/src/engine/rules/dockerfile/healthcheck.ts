// Without a HEALTHCHECK the engine only knows whether the process runs, not whether the
// application answers; `podman ps`, compose `depends_on: service_healthy` and restart policies
// need the health state.

import type { Instruction } from 'dockerfile-ast';
import { blankLineAbove, insertLinesAfter, insertLinesBefore, lineAboveComments } from '../../edit/dockerfile';
import { applyEdits } from '../../fix';
import { finalStage, parseDockerfile, type ParsedDockerfile, type Stage } from '../../parse/dockerfile';
import { defineRule } from '../../rule';
import { SourceText } from '../../text';
import type { HealthcheckOptions, TextEdit } from '../../types';
import { imageHasPython, runsAService } from './shared/service-command';
import { lastInstruction } from './shared/stages';

function hasHealthcheck(file: ParsedDockerfile): boolean {
  const stage = finalStage(file);
  return !stage || !!lastInstruction(file, stage, 'HEALTHCHECK');
}

/** The final stage, when it runs a service and has no HEALTHCHECK. */
function uncheckedService(file: ParsedDockerfile): Stage | undefined {
  const stage = finalStage(file);
  return stage && !hasHealthcheck(file) && runsAService(file, stage) ? stage : undefined;
}

/** A check that runs `python` (the default) cannot work in an image without one. */
export function checkRunsIn(file: ParsedDockerfile, stage: Stage, h: HealthcheckOptions): boolean {
  return !/^python/.test(h.command[0]) || imageHasPython(file, stage);
}

export function healthcheckInstruction(h: HealthcheckOptions, escape: string): string {
  const command = `[${h.command.map((a) => JSON.stringify(a)).join(', ')}]`;
  return `HEALTHCHECK --interval=${h.interval} --timeout=${h.timeout} --start-period=${h.startPeriod} --retries=${h.retries} ${escape}\n    CMD ${command}\n`;
}

export default defineRule({
  meta: {
    id: 'dockerfile/healthcheck',
    language: 'dockerfile',
    severity: 'warning',
    description: 'The final stage declares a HEALTHCHECK (or `HEALTHCHECK NONE`).',
    messages: {
      missing: 'The image has no HEALTHCHECK, so the container engine cannot tell a hung application from a healthy one; add one (or `HEALTHCHECK NONE` to say there is none on purpose).',
    },
  },
  check(ctx) {
    const stage = uncheckedService(ctx.file);
    if (stage) ctx.report({ range: stage.from.getRange(), messageId: 'missing' });
  },
  fix(ctx) {
    const file = ctx.file;
    const stage = uncheckedService(file);
    if (!stage || !checkRunsIn(file, stage, ctx.options.healthcheck)) return [];
    const text = healthcheckInstruction(ctx.options.healthcheck, file.ast.getEscapeCharacter());
    const start: Instruction | undefined = stage.instructions.find((i) => i.getKeyword() === 'CMD' || i.getKeyword() === 'ENTRYPOINT');
    let edit: TextEdit;
    if (start) {
      // Above an instruction the parser found, nothing can swallow the new one.
      const line = lineAboveComments(file, start.getRange().start.line, (stage.instructions[stage.instructions.indexOf(start) - 1] ?? stage.from).getRange().end.line + 1);
      edit = insertLinesBefore(file, line, blankLineAbove(file, line) ? `${text}\n` : text);
    } else {
      const last = stage.instructions[stage.instructions.length - 1] ?? stage.from;
      edit = insertLinesAfter(file, last, `\n${text}`);
      // An unterminated heredoc or a trailing continuation swallows what is appended after it
      // (fix-all then added one HEALTHCHECK per pass): offer the fix only when it really adds one.
      // Checked here only: the CLI lists every finding's fixes, and this parses the file again.
      if (!hasHealthcheck(parseDockerfile(new SourceText(file.source.uri, applyEdits(file.source.text, [edit]))))) return [];
    }
    return [{ title: 'Add a HEALTHCHECK', preferred: true, edits: [edit] }];
  },
});
