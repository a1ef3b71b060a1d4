// A Python version written into FROM can only be changed by editing the Dockerfile; an ARG with
// that version as its default keeps the build identical and lets compose or `--build-arg` choose.

import { Arg, type From } from 'dockerfile-ast';
import { firstLineAfterDirectives, insertLinesBefore, lineAboveComments } from '../../edit/dockerfile';
import type { ParsedDockerfile } from '../../parse/dockerfile';
import { defineRule } from '../../rule';
import type { TextEdit } from '../../types';
import { dockerHubName, fromImage } from './shared/image-ref';

const ARG_NAME = 'PYTHON_VERSION';
/** `3`, `3.12`, `3.11.8`, `3.13.0rc1`, then an optional `-variant`. */
const VERSION_TAG = /^(\d+(?:\.\d+){0,2}(?:(?:a|b|rc)\d+)?)(-.*)?$/;
const UV_IMAGE = 'ghcr.io/astral-sh/uv';
/**
 * uv's images with a Python (`python3.12-bookworm-slim`, `0.8.13-python3.12-alpine`): a builder
 * on one of them and a final `python:3.12` stage must move together (the venv is built for that
 * Python), so both are Python FROMs.
 */
const UV_PYTHON_TAG = /^((?:\d+(?:\.\d+){0,2}-)?python)(\d+(?:\.\d+){0,2})(-.*)?$/;

interface PythonFrom {
  from: From;
  version: string;
  /** Offsets of the version inside the tag. */
  start: number;
  end: number;
}

/** A FROM of the official Python image (or a uv image with Python) with a literal version tag and no digest. */
function pythonFrom(file: ParsedDockerfile, from: From): PythonFrom | undefined {
  const ref = fromImage(file, from);
  if (!ref || ref.digest !== undefined || ref.tag === undefined || ref.tagStart === undefined) return undefined;
  if (ref.name === UV_IMAGE) {
    const uv = UV_PYTHON_TAG.exec(ref.tag);
    if (!uv) return undefined;
    const start = ref.tagStart + uv[1].length;
    return { from, version: uv[2], start, end: start + uv[2].length };
  }
  if (dockerHubName(ref.name) !== 'python') return undefined;
  const m = VERSION_TAG.exec(ref.tag);
  if (!m) return undefined;
  return { from, version: m[1], start: ref.tagStart, end: ref.tagStart + m[1].length };
}

function pythonFroms(file: ParsedDockerfile): PythonFrom[] {
  return file.stages.map((s) => pythonFrom(file, s.from)).filter((p): p is PythonFrom => !!p);
}

/** The edits that move one FROM's version into `ARG PYTHON_VERSION`, or undefined when a different default is already declared. */
function editsFor(file: ParsedDockerfile, p: PythonFrom): TextEdit[] | undefined {
  const source = file.source;
  const edits: TextEdit[] = [{ uri: source.uri, range: source.rangeOf(p.start, p.end), newText: '${' + ARG_NAME + '}' }];
  const declared = file.preamble
    .filter((i): i is Arg => i instanceof Arg)
    .flatMap((i) => i.getProperties())
    .filter((prop) => prop.getName() === ARG_NAME)
    .pop();
  if (!declared) {
    const firstFrom = file.stages[0].from.getRange().start.line;
    const line = lineAboveComments(file, firstFrom, firstLineAfterDirectives(file));
    edits.unshift(insertLinesBefore(file, line, `ARG ${ARG_NAME}=${p.version}\n`));
  } else if (declared.getValue() === null) {
    const end = declared.getNameRange().end;
    edits.unshift({ uri: source.uri, range: { start: end, end }, newText: `=${p.version}` });
  } else if (declared.getUnescapedValue() !== p.version) {
    return undefined;
  }
  return edits;
}

/**
 * The Dockerfile edits of this rule's preferred fix for the first Python FROM with a literal
 * version (undefined when the rule would not fire or has no fix). `compose/build-args` adds them
 * to its own fix so that the compose file and the Dockerfile change together.
 */
export function pythonVersionArgEdits(file: ParsedDockerfile): { edits: TextEdit[]; name: 'PYTHON_VERSION'; version: string } | undefined {
  const first = pythonFroms(file)[0];
  const edits = first && editsFor(file, first);
  return edits ? { edits, name: ARG_NAME, version: first.version } : undefined;
}

export default defineRule({
  meta: {
    id: 'dockerfile/python-version-arg',
    language: 'dockerfile',
    severity: 'info',
    description: 'The Python version of the base image is a build argument, not a literal in FROM.',
    messages: {
      literal: 'Python {{version}} is written into FROM; declare `ARG PYTHON_VERSION={{version}}` and use `${PYTHON_VERSION}` so the version can be chosen at build time.',
    },
  },
  check(ctx) {
    for (const p of pythonFroms(ctx.file)) {
      const range = p.from.getImageRange()!;
      ctx.report({ range, messageId: 'literal', data: { version: p.version }, fixData: { line: range.start.line } });
    }
  },
  fix(ctx) {
    const p = pythonFroms(ctx.file).find((x) => x.from.getRange().start.line === ctx.finding.data.line);
    const edits = p && editsFor(ctx.file, p);
    return edits ? [{ title: `Move Python ${p.version} into ARG ${ARG_NAME}`, preferred: true, edits }] : [];
  },
});
