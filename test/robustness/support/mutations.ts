// The mutation fuzzer's operators: each takes a real file's text and damages it the way editors,
// copy-paste, other operating systems and half-finished typing do, or in the ways parsers are
// known to choke on (deep nesting, alias bombs, lines up to a megabyte, unterminated quotes and
// heredocs).

import { MAX_FILE_BYTES, type Language } from '../../../server/src/engine/index';
import type { Rng } from './random';

export interface Mutation {
  name: string;
  apply(text: string, rng: Rng, language: Language | undefined): string;
}

const ONE_MB = 1024 * 1024;
/** Keeps a mutated file under a few MB: large enough for the size paths, small enough for CI. */
const MAX_GROWTH = 2 * ONE_MB;
const MAX_MUTATED_CHARS = 6 * ONE_MB;

function lines(text: string): string[] {
  return text.split('\n');
}

function atRandomLine(text: string, rng: Rng, insert: (indent: string) => string): string {
  const ls = lines(text);
  const at = rng.int(ls.length + 1);
  // Capped: the line may be a megabyte of blanks from an earlier mutation.
  const indent = at < ls.length ? /^[ \t]*/.exec(ls[at])![0].slice(0, 64) : '';
  ls.splice(at, 0, insert(indent));
  return ls.join('\n');
}

const WEIRD_CHARS = ['\u0000', '\u0001', '\u007f', '\t', '\r', '\u00a0', '\u2028', '\u2029', '\ufeff', '\ufffd', '\ud800', '\udc00', '😀', 'é', '\\', '`', '$', '"', "'", '{', '}', '[', ']', ':', '-', '#', '&', '*', '!', '|', '>', '%', '@'];

/** Fragments that steer the fuzzer into the rules' code paths rather than only the parsers'. */
const FRAGMENTS: Record<Language, string[]> = {
  dockerfile: [
    'FROM ghcr.io/astral-sh/uv:python3.12-bookworm-slim',
    'COPY --from=ghcr.io/astral-sh/uv:0.4.0 /uv /bin/uv',
    'COPY --from=ghcr.io/astral-sh/uv:${UV_VERSION} /uv /uvx /bin/',
    'FROM python:3.12-slim@sha256:0000000000000000000000000000000000000000000000000000000000000000 AS base',
    'FROM --platform=$BUILDPLATFORM python:${PY',
    'ARG PYTHON_VERSION=3.12',
    'RUN uv pip install --system -r requirements.txt',
    'RUN --mount=type=cache,target=/root/.cache/uv uv sync --locked',
    'RUN --mount=type=bind,source=uv.lock,target=uv.lock \\',
    'RUN uv sync --no-cache && \\\n    uv sync --frozen \\',
    'VOLUME ["/data", "/models"',
    'VOLUME /data /cache',
    'HEALTHCHECK --interval=30s CMD ["python", "-c", "import sys',
    'HEALTHCHECK NONE',
    'ENV PATH="/app/.venv/bin:$PATH" UV_NO_CACHE=1',
    'RUN <<EOF\nuv sync',
    'COPY <<-"END" /app/x\nabc',
    '# escape=`',
    '# syntax=docker/dockerfile:1',
    'ONBUILD RUN pip install uv',
    'CMD',
    'FROM',
    'USER',
  ],
  compose: [
    'version: "3.8"',
    'services:',
    '  app:\n    build: .\n    group_add:\n      - "109"  # render',
    '    group_add: ["${RENDER_GID:-993}", video, 44]',
    '    devices:\n      - /dev/dri:/dev/dri',
    '    environment:\n      - HTTP_PROXY=\n      - https_proxy=""\n      NO_PROXY:',
    '    environment: {HTTP_PROXY: "", no_proxy: ~}',
    '    mem_limit: 4g\n    cpus: 2',
    '    deploy:\n      resources:\n        limits: {cpus: "1", memory: 1G}\n        reservations:\n          devices: [{capabilities: [gpu]}]',
    '    healthcheck:\n      test: ["CMD", "curl", "-f"',
    '    extends:\n      file: other.yaml\n      service: base',
    'include:\n  - path: ../other/compose.yaml',
    '    build:\n      context: ..\n      dockerfile: ../../Dockerfile\n      args:\n        PYTHON_VERSION: "3.12"',
    'x-common: &common\n  restart: always\n  <<: *common',
    '    <<: [*common, *missing]',
    '  ? [complex, key]\n  : value',
    '!!binary |\n  R0lGODlhDAAMAIQAAP',
    '---\nservices: {}\n...\n---',
    '%YAML 1.2\n---',
    'services: !!set {a, b}',
  ],
  shell: [
    'podman run --rm -it -v $PWD:/work --group-add=$(stat -c %g /dev/dri/renderD128) tobs:latest',
    '${DOCKER} run -u 0 --user="$(id -u):$(id -g)" -e http_proxy= image',
    'sudo exec docker run -v `pwd`:/x --device /dev/dri "$IMAGE"',
    '$container_cmd build -t "$IMAGE" -f Containerfile .',
    'if ! podman image exists "$IMAGE"; then podman build -t "$IMAGE" .; fi',
    'cat <<EOF\npodman run x',
    'cat <<-\'EOF\' | podman run -i',
    'podman run \\\n  --group-add 109 \\',
    'docker run $(echo "$(echo `echo x`)") --name "a b',
    'case "$1" in run) podman run x;; esac',
    'function f { docker run "$@"; }',
    'arr=(podman run -v "$PWD":/d)',
    'podman run --env-file=.env --volume=./:/work:Z image cmd',
  ],
};

function dockerfileHeredoc(rng: Rng): string {
  return rng.pick(['RUN <<EOF\nset -e\nuv sync', 'RUN <<"EOT" bash\npodman run x', 'COPY <<EOF /a\n']);
}

function deepYaml(rng: Rng, indent: string): string {
  const depth = 200 + rng.int(5000);
  if (rng.chance(0.5)) return `${indent}deep: ${'['.repeat(depth)}x${rng.chance(0.5) ? ']'.repeat(depth) : ''}`;
  const block = Array.from({ length: Math.min(depth, 1500) }, (_, i) => `${indent}${' '.repeat(i)}k${i}:`);
  return block.join('\n') + ' leaf';
}

/** A "billion laughs" ladder: each level aliases the previous one ten times. */
function aliasBomb(rng: Rng, indent: string): string {
  const levels = 3 + rng.int(8);
  const out = [`${indent}a0: &a0 [lol, lol, lol]`];
  for (let i = 1; i < levels; i++) out.push(`${indent}a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
  out.push(`${indent}<<: *a${levels - 1}`);
  return out.join('\n');
}

function mergeKeys(rng: Rng, indent: string): string {
  return rng.pick([
    `${indent}x-base: &base\n${indent}  group_add: ["109"]\n${indent}  devices: [/dev/dri]\n${indent}app:\n${indent}  <<: *base\n${indent}  image: x`,
    `${indent}<<: *undefined_anchor`,
    `${indent}self: &self\n${indent}  <<: *self`,
    `${indent}<<: [*base, {mem_limit: 1g}]`,
    `${indent}environment: &env\n${indent}  HTTP_PROXY: ""\n${indent}other:\n${indent}  environment: *env`,
  ]);
}

/**
 * A line as long as the engine's size limit leaves room for, so that the file is still parsed;
 * one time in ten a megabyte, for the "too large" path.
 */
function longLine(rng: Rng, language: Language | undefined, room: number): string {
  const filler = rng.pick(['a', ' ', '\\', '"', 'x '.repeat(3), '$(', '-v $PWD:/x ', '[', '\t']);
  const length = rng.chance(0.1) ? ONE_MB + 1 : Math.max(1024, room);
  const body = filler.repeat(Math.ceil(length / filler.length)).slice(0, length);
  const prefix = language === 'dockerfile' ? rng.pick(['RUN echo ', 'ENV A=', 'FROM ', 'LABEL x=']) : language === 'compose' ? rng.pick(['key: ', '- ', 'image: "', '']) : rng.pick(['podman run ', 'echo ', '']);
  return prefix + body;
}

export const MUTATIONS: readonly Mutation[] = [
  {
    name: 'byte flips',
    apply: (text, rng) => {
      const chars = [...text];
      const n = 1 + rng.int(8);
      for (let i = 0; i < n && chars.length; i++) chars[rng.int(chars.length)] = rng.chance(0.5) ? rng.pick(WEIRD_CHARS) : String.fromCharCode(rng.int(0x3000));
      return chars.join('');
    },
  },
  { name: 'truncation', apply: (text, rng) => text.slice(0, rng.int(text.length + 1)) },
  {
    name: 'line duplication',
    apply: (text, rng) => {
      const ls = lines(text);
      const at = rng.int(ls.length);
      const span = 1 + rng.int(Math.min(5, ls.length - at));
      const spanChars = ls.slice(at, at + span).join('\n').length + 1;
      const times = Math.min(1 + rng.int(rng.chance(0.1) ? 2000 : 3), Math.max(1, Math.floor(MAX_GROWTH / spanChars)));
      ls.splice(at, 0, ...Array<string[]>(times).fill(ls.slice(at, at + span)).flat());
      return ls.join('\n');
    },
  },
  {
    name: 'random indentation',
    apply: (text, rng) =>
      lines(text)
        .map((l) => (rng.chance(0.2) ? rng.pick(['', ' ', '  ', '\t', '    ', ' \t ', '        ']) + l.trimStart() : l))
        .join('\n'),
  },
  {
    name: 'CRLF/LF/CR mix',
    apply: (text, rng) =>
      lines(text)
        .map((l) => l.replace(/\r$/, ''))
        .reduce((out, l, i) => (i === 0 ? l : out + rng.pick(['\n', '\r\n', '\r', '\n\r']) + l), ''),
  },
  { name: 'BOM', apply: (text, rng) => (rng.chance(0.8) ? '\ufeff' + text : atRandomLine(text, rng, () => '\ufeff')) },
  {
    name: 'NUL bytes',
    apply: (text, rng) => {
      const at = rng.int(text.length + 1);
      return text.slice(0, at) + '\u0000'.repeat(1 + rng.int(3)) + text.slice(at);
    },
  },
  { name: 'deep YAML nesting', apply: (text, rng) => atRandomLine(text, rng, (indent) => deepYaml(rng, indent)) },
  { name: 'YAML anchors, aliases and merge keys', apply: (text, rng) => atRandomLine(text, rng, (indent) => (rng.chance(0.3) ? aliasBomb(rng, indent) : mergeKeys(rng, indent))) },
  { name: 'long line', apply: (text, rng, language) => atRandomLine(text, rng, () => longLine(rng, language, MAX_FILE_BYTES - text.length - 64)) },
  {
    name: 'unterminated quote',
    apply: (text, rng) => {
      const at = rng.int(text.length + 1);
      return text.slice(0, at) + rng.pick(['"', "'", '`', '$(', '${', '"$(', '[', '{']) + text.slice(at);
    },
  },
  {
    name: 'unterminated heredoc',
    apply: (text, rng, language) => (language === 'dockerfile' ? text + '\n' + dockerfileHeredoc(rng) : atRandomLine(text, rng, (indent) => `${indent}cat <<${rng.pick(['EOF', "'EOF'", '-EOF', '"E O F"', ''])}`)),
  },
  {
    name: 'trailing line continuation',
    apply: (text, rng) => atRandomLine(text, rng, (indent) => `${indent}${rng.pick(['RUN a', 'podman run', '- x', ''])} ${rng.pick(['\\', '`', '\\ ', '\\\r'])}`),
  },
  {
    name: 'domain fragment',
    apply: (text, rng, language) => atRandomLine(text, rng, (indent) => (language ? indent + rng.pick(FRAGMENTS[language]).replace(/\n/g, '\n' + indent) : rng.pick(WEIRD_CHARS))),
  },
  {
    name: 'line shuffle',
    apply: (text, rng) => {
      const ls = lines(text);
      for (let n = 1 + rng.int(4); n > 0 && ls.length > 1; n--) {
        const a = rng.int(ls.length);
        const b = rng.int(ls.length);
        [ls[a], ls[b]] = [ls[b], ls[a]];
      }
      return ls.join('\n');
    },
  },
];

/** Applies 1–3 random mutations; returns the text and the names, for the failure message. */
export function mutate(text: string, rng: Rng, language: Language | undefined): { text: string; applied: string[] } {
  const applied: string[] = [];
  let out = text;
  for (let n = 1 + (rng.chance(0.3) ? rng.int(3) : 0); n > 0; n--) {
    const m = rng.pick(MUTATIONS);
    out = m.apply(out, rng, language).slice(0, MAX_MUTATED_CHARS);
    applied.push(m.name);
  }
  return { text: out, applied };
}
