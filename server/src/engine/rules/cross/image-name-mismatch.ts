// A script that runs `tobs:dev` next to a compose file that builds `tobs:latest` runs whatever
// `tobs:dev` was last time — a stale image, or none — while every rebuild goes elsewhere.

import { resolveValue, type Word } from '../../parse/shell';
import type { ParsedScript } from '../../parse/script';
import type { Project, ScriptRun } from '../../project';
import { defineRule } from '../../rule';
import { uriKey } from '../../snapshot';
import type { Range, TextEdit } from '../../types';
import { dirnameUri } from '../../uri';

/** `ghcr.io/me/tobs:dev` → `tobs`. */
function repositoryName(ref: string): string {
  const noDigest = ref.split('@')[0];
  const last = noDigest.slice(noDigest.lastIndexOf('/') + 1);
  return last.split(':')[0];
}

/** The image a compose file near the script builds under the same repository name, if the run's image differs. */
function composeImageFor(project: Project, run: ScriptRun, raw: string): { image: string; uri: string; range: Range } | undefined {
  if (!run.image) return undefined;
  const scriptDir = dirnameUri(uriKey(run.file.source.uri));
  const sameEngineName = run.cmd.engine === 'docker' ? raw.startsWith('localhost/') : false;
  if (project.builtImages.has(run.image) && !sameEngineName) return undefined;
  for (const service of project.services) {
    if (!service.dockerfileUri || !service.image) continue;
    const composeDir = dirnameUri(uriKey(service.file.source.uri));
    const near = scriptDir.startsWith(composeDir) || composeDir.startsWith(scriptDir);
    if (!near || repositoryName(service.image) !== repositoryName(run.image)) continue;
    if (service.image === run.image && !sameEngineName) continue;
    const imageNode = service.service.map.get('image', true) as { range?: [number, number, number] } | undefined;
    const written = String(service.service.map.get('image'));
    const range = imageNode?.range ? service.file.source.rangeOf(imageNode.range[0], imageNode.range[1]) : service.file.source.rangeOf(0, 0);
    return { image: written, uri: service.file.source.uri, range };
  }
  return undefined;
}

/** Replaces the literal part of the image: the word itself, or the value of the variable it names. */
function imageEdit(file: ParsedScript, word: Word, image: string): TextEdit | undefined {
  const source = file.source;
  if (!word.hasExpansion) return { uri: source.uri, range: source.rangeOf(word.start, word.end), newText: word.quoted ? `"${image}"` : image };
  const name = /^\$\{?([A-Za-z_]\w*)\}?$/.exec(word.value)?.[1];
  if (!name) return undefined;
  const assignment = file.script.commands
    .flatMap((c) => c.assignments)
    .filter((a) => a.value.startsWith(`${name}=`))
    .pop();
  if (!assignment) return undefined;
  const eq = assignment.raw.indexOf('=');
  const rawValue = assignment.raw.slice(eq + 1);
  const valueStart = assignment.start + eq + 1;
  // `IMAGE="${IMAGE:-tobs}"`: the default is the literal part.
  const defaulted = /^("?\$\{[A-Za-z_]\w*:?-)([^}$"]*)\}"?$/.exec(rawValue);
  if (defaulted) {
    const at = valueStart + defaulted[1].length;
    return { uri: source.uri, range: source.rangeOf(at, at + defaulted[2].length), newText: image };
  }
  if (/[$`]/.test(rawValue)) return undefined;
  const quote = /^["']/.test(rawValue) ? rawValue[0] : '';
  return { uri: source.uri, range: source.rangeOf(valueStart, assignment.end), newText: `${quote}${image}${quote}` };
}

export default defineRule({
  meta: {
    id: 'cross/image-name-mismatch',
    language: 'shell',
    severity: 'warning',
    description: 'A script runs the image that the compose file next to it builds, under the same name.',
    messages: {
      mismatch: 'This runs {{runs}} but the compose file builds {{builds}}: the script starts a stale or missing image while rebuilds go to another name.',
    },
  },
  check(ctx) {
    for (const run of ctx.project.runs) {
      if (run.file !== ctx.file || !run.imageWord) continue;
      const raw = resolveValue(run.imageWord.value, ctx.file.vars);
      if (!raw) continue;
      const built = composeImageFor(ctx.project, run, raw);
      if (!built) continue;
      ctx.report({
        range: ctx.file.source.rangeOf(run.imageWord.start, run.imageWord.end),
        messageId: 'mismatch',
        data: { runs: raw, builds: built.image },
        fixData: { image: built.image },
        related: [{ uri: built.uri, range: built.range, message: `the compose service builds ${built.image}` }],
      });
    }
  },
  fix(ctx) {
    const image = ctx.finding.data.image;
    const start = ctx.file.source.offsetAt(ctx.finding.range.start);
    const run = ctx.project.runs.find((r) => r.file === ctx.file && r.imageWord?.start === start);
    const edit = typeof image === 'string' && run?.imageWord ? imageEdit(ctx.file, run.imageWord, image) : undefined;
    return edit ? [{ title: `Run ${image}, the image compose builds`, preferred: true, edits: [edit] }] : [];
  },
});
