// An unquoted `$PWD`, `$(pwd)` or `` `pwd` `` in a path argument is split at blanks and globbed by
// the shell: from a folder named "my projects" the engine receives two arguments and the mount
// (or device, env file, workdir) is wrong or the command fails.

import { doubleQuoted, partsWithin, replaceText } from '../../edit/shell';
import type { ParsedScript } from '../../parse/script';
import type { Word } from '../../parse/shell';
import { defineRule } from '../../rule';
import { runOptionAt, runOptions } from './shared/runs';

const PATH_OPTIONS = ['--volume', '--mount', '--device', '--env-file', '--workdir'];
/** Options whose value is `host:container[:options]`: each colon-separated field is quoted on its own. */
const COLON_SEPARATED = new Set(['--volume', '--device']);

export default defineRule({
  meta: {
    id: 'script/unquoted-path',
    language: 'shell',
    severity: 'error',
    description: 'Paths built from `$VAR`, `$(…)` or backquotes in `-v`, `--mount`, `--device`, `--env-file` and `-w` are quoted.',
    messages: {
      unquoted: '`{{path}}` holds an unquoted expansion: the shell splits it at blanks and expands wildcards, so from a folder whose path has a space in it the container gets the wrong path or does not start.',
    },
  },
  check(ctx) {
    for (const { option } of runOptions(ctx.file, ...PATH_OPTIONS)) {
      const value = option.value;
      if (!value?.unquotedExpansion || onlyConstants(ctx.file, value)) continue;
      ctx.report({ range: ctx.file.source.rangeOf(value.start, value.end), messageId: 'unquoted', data: { path: value.raw } });
    }
  },
  fix(ctx) {
    const found = runOptionAt(ctx.file, ctx.file.source.offsetAt(ctx.finding.range.start), ...PATH_OPTIONS);
    const value = found?.option.value;
    if (!found || !value?.unquotedExpansion) return [];
    const quoted = COLON_SEPARATED.has(found.option.name) ? quoteFields(ctx.file, value) : quoteWhole(ctx.file, value);
    return [{ title: `Quote the path: ${quoted}`, preferred: true, edits: [replaceText(ctx.file, value.start, value.end, quoted)] }];
  },
});

/** A variable use, `$NAME` or `${NAME}`. */
const VARIABLE = /^\$(?:([A-Za-z_]\w*)|\{([A-Za-z_]\w*)\})$/;
/** A value the shell cannot split or glob. */
const PLAIN = /^[^\s$`*?[\]\\'"]+$/;

/**
 * Every unquoted expansion is a variable the script only ever sets to a plain constant
 * (`DATA=/srv/data`): nothing to split, so nothing to report.
 */
function onlyConstants(file: ParsedScript, word: Word): boolean {
  const text = file.source.text;
  return word.parts
    .filter((p) => p.kind === 'expansion' && p.quoting === 'none')
    .every((p) => {
      const m = VARIABLE.exec(text.slice(p.start, p.end));
      const values = file.assignments.filter((a) => a.name === (m?.[1] ?? m?.[2])).map((a) => a.value);
      return values.length > 0 && values.every((v) => PLAIN.test(v));
    });
}

/** The word double-quoted as a whole; a leading `~` or `~user/` stays outside so that it still expands. */
function quoteWhole(file: ParsedScript, word: Word): string {
  const text = file.source.text;
  const first = word.parts[0];
  const tilde = first?.kind === 'text' && first.quoting === 'none' ? /^~[^/]*\/?/.exec(text.slice(first.start, first.end))?.[0] ?? '' : '';
  return tilde + doubleQuoted(text, partsWithin(word, word.start + tilde.length, word.end));
}

/**
 * `$PWD/export:/app/export` → `"$PWD/export":/app/export`, as the seed wrote it: only the fields
 * with an unquoted expansion are quoted. When a colon sits inside quotes the word is quoted whole.
 */
function quoteFields(file: ParsedScript, word: Word): string {
  const text = file.source.text;
  const colons: number[] = [];
  for (const p of word.parts) {
    if (p.kind !== 'text') continue;
    for (let i = p.start; i < p.end; i++) {
      if (text[i] !== ':') continue;
      if (p.quoting !== 'none') return quoteWhole(file, word);
      colons.push(i);
    }
  }
  const bounds = [word.start, ...colons.flatMap((c) => [c, c + 1]), word.end];
  const fields: string[] = [];
  for (let k = 0; k < bounds.length; k += 2) {
    const [start, end] = [bounds[k], bounds[k + 1]];
    const field: Word = { ...word, start, end, parts: partsWithin(word, start, end) };
    const raw = text.slice(start, end);
    fields.push(field.parts.some((p) => p.kind === 'expansion' && p.quoting === 'none') ? (k === 0 ? quoteWhole(file, field) : doubleQuoted(text, field.parts)) : raw);
  }
  return fields.join(':');
}
