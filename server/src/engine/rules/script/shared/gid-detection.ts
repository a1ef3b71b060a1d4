// Detecting a group's GID on the host when the script runs (`getent group render`), before the
// run that passes it: the edits script/render-gid-detect and script/group-add-name share.

import { indentAt, indentUnit, insertLines, pointAfter, pointBefore, reindent, replaceText } from '../../../edit/shell';
import type { EngineCommand } from '../../../parse/engine-cli';
import type { ParsedScript } from '../../../parse/script';
import type { TextEdit } from '../../../types';
import { RENDER_GROUP } from '../../shared/groups';

/** A command substitution: the value is asked of the host when the script runs. */
export function hasSubstitution(value: string): boolean {
  return value.includes('$(') || value.includes('`');
}

/** Some assignment of the variable asks the host (`getent group render`, `stat -c %g /dev/dri/…`). */
export function detects(file: ParsedScript, variable: string, before = Infinity): boolean {
  return file.assignments.some((a) => a.name === variable && a.word.start < before && hasSubstitution(a.value) && !/^\$\(\(/.test(a.value));
}

/**
 * The lines that detect the GID, placed before the run: replacing a plain assignment of the
 * variable when there is one, else after the script's leading assignments for a run at top level,
 * else just before the run (inside a function, at its indentation). None when already detected.
 */
export function gidDetectionEdits(file: ParsedScript, run: EngineCommand, variable: string, group: string): TextEdit[] | undefined {
  if (detects(file, variable, run.command.start)) return [];
  const unit = indentUnit(file);
  const lines = reindent(detectionLines(variable, group), unit);
  const earlier = file.assignments.filter((a) => a.name === variable && a.word.start < run.command.start);
  const assignment = earlier[earlier.length - 1];
  if (assignment && assignment.command.words.length === 0 && assignment.command.assignments.length === 1) {
    // `RENDER_GID=988`: the detection takes its place (the environment still overrides it).
    const after = pointAfter(file, assignment.command.end);
    if (after === undefined || after > run.command.start) return undefined;
    const indent = indentAt(file, assignment.command.start);
    return [replaceText(file, assignment.word.start, assignment.word.end, lines[0]), insertLines(file, after, lines.slice(1), indent)];
  }
  const at = insertionPoint(file, run);
  if (at === undefined) return undefined;
  return [insertLines(file, at, lines, indentAt(file, at))];
}

function detectionLines(variable: string, group: string): string[] {
  const owner = group === RENDER_GROUP ? 'the GID that owns /dev/dri/renderD*' : `the GID of the ${group} group`;
  return [
    // `|| true`: under `set -o pipefail` a missing group would end the script before the message.
    `${variable}="\${${variable}:-$(getent group ${group} | cut -d: -f3 || true)}"`,
    `if [ -z "$${variable}" ]; then`,
    `  echo "error: no '${group}' group on this host; set ${variable} to ${owner}" >&2`,
    '  exit 1',
    'fi',
  ];
}

/** After the last top-level assignment before a top-level run, else right before the run. */
function insertionPoint(file: ParsedScript, run: EngineCommand): number | undefined {
  const beforeRun = pointBefore(file, run.command);
  if (beforeRun === undefined || run.command.depth > 0) return beforeRun;
  let best: number | undefined;
  for (const c of file.script.commands) {
    if (c.start >= beforeRun) break;
    if (c.depth > 0 || c.substituted || c.conditional || c.words.length > 0) continue;
    const after = pointAfter(file, c.end);
    if (after !== undefined && after <= beforeRun) best = after;
  }
  return best ?? beforeRun;
}
