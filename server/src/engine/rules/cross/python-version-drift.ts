// pyproject.toml says which Pythons the project supports; the Dockerfile picks one. When they
// disagree the image builds, then `uv sync` refuses the interpreter (or worse, resolves for one
// the code was never tested on).

import { lowestAllowed, parseSpecifier, requiresPython, seriesSatisfies } from '../../parse/pyproject';
import type { ParsedDockerfile } from '../../parse/dockerfile';
import type { Project } from '../../project';
import { defineRule } from '../../rule';
import type { Range } from '../../types';
import { joinUri } from '../../uri';
import { dockerHubName, fromImage } from '../dockerfile/shared/image-ref';
import { argDefault } from '../dockerfile/shared/stages';

const VERSION = /^(\d+(?:\.\d+){0,2})(?=-|$)/;

interface SelectedPython {
  version: string;
  /** Where the version is written: the FROM tag or the ARG default. */
  range: Range;
}

/** The Python version each stage's FROM selects, through a global ARG default if need be. */
function selectedPythons(file: ParsedDockerfile): SelectedPython[] {
  const source = file.source;
  const out: SelectedPython[] = [];
  for (const stage of file.stages) {
    const ref = fromImage(file, stage.from);
    if (!ref || ref.tag === undefined || ref.tagStart === undefined || ref.digest !== undefined) continue;
    if (dockerHubName(ref.name) !== 'python') continue;
    const literal = VERSION.exec(ref.tag);
    if (literal) {
      out.push({ version: literal[1], range: source.rangeOf(ref.tagStart, ref.tagStart + literal[1].length) });
      continue;
    }
    const variable = /^\$\{?([A-Za-z_]\w*)\}?/.exec(ref.tag);
    const arg = variable && argDefault(file, undefined, variable[1]);
    const version = arg && VERSION.exec(arg.value);
    const valueRange = arg?.property.getValueRange();
    if (version && valueRange) {
      const start = source.offsetAt(valueRange.start);
      out.push({ version: version[1], range: source.rangeOf(start, start + version[1].length) });
    }
  }
  return out;
}

function requirement(project: Project, dockerfileUri: string) {
  const uri = joinUri(project.contextOf(dockerfileUri), 'pyproject.toml');
  const file = project.snapshot.get(uri);
  const found = file && requiresPython(file.text);
  const clauses = found && parseSpecifier(found.spec);
  return found && clauses ? { uri: file.uri, text: file.text, ...found, clauses } : undefined;
}

export default defineRule({
  meta: {
    id: 'cross/python-version-drift',
    language: 'dockerfile',
    severity: 'warning',
    description: "The image's Python version satisfies the project's `requires-python`.",
    messages: {
      excluded:
        'The image uses Python {{version}} but pyproject.toml requires {{spec}}: `uv sync` will refuse this interpreter, so the image cannot install the project.',
    },
  },
  check(ctx) {
    const req = requirement(ctx.project, ctx.file.source.uri);
    if (!req) return;
    const seen = new Set<string>();
    for (const selected of selectedPythons(ctx.file)) {
      const key = `${selected.range.start.line}:${selected.range.start.character}`;
      if (seen.has(key) || seriesSatisfies(selected.version.split('.').map(Number), req.clauses)) continue;
      seen.add(key);
      const lines = req.text.slice(0, req.start).split('\n');
      const at = { line: lines.length - 1, character: lines[lines.length - 1].length };
      ctx.report({
        range: selected.range,
        messageId: 'excluded',
        data: { version: selected.version, spec: req.spec },
        fixData: { lowest: lowestAllowed(req.clauses) ?? null },
        related: [{ uri: req.uri, range: { start: at, end: { line: at.line, character: at.character + req.spec.length } }, message: `requires-python = "${req.spec}"` }],
      });
    }
  },
  fix(ctx) {
    const lowest = ctx.finding.data.lowest;
    if (typeof lowest !== 'string') return [];
    return [{ title: `Use Python ${lowest}, the lowest version pyproject.toml allows`, preferred: true, edits: [{ uri: ctx.file.source.uri, range: ctx.finding.range, newText: lowest }] }];
  },
});
