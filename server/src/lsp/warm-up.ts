// Warming the code an edit needs while the server is idle after start-up. V8 compiles a function
// the first time it runs: the first edit that reaches a code path the workspace's indexing did
// not (a RUN heredoc read as shell once it mentions uv, the re-parse of an edited Dockerfile, a
// script's engine commands) paid 3-7 ms for it, the p95 of typing in a small Dockerfile. The
// warm-up lints a small project held in memory with a linter of its own, edits it the way
// typing does, and turns the findings into diagnostics: nothing is read, written or published,
// and the server's caches are not touched. It runs in short steps, each a turn of the event
// loop, and only while nothing else is waiting.

import { defaultConfig, Linter, Snapshot, type Finding, type SnapshotFile } from '../engine/index';
import { toDiagnostic } from './diagnostics';

const ROOT = 'file:///tobs-warm-up/';
const DOCKERFILE = `${ROOT}Dockerfile`;

/** A small project with a bit of everything the rules read; its Dockerfile is the one "typed in". */
const FILES: Record<string, string> = {
  Dockerfile: [
    '# syntax=docker/dockerfile:1.4',
    'ARG PYTHON_VERSION=3.11',
    'FROM python:${PYTHON_VERSION}-slim AS build',
    'COPY --from=ghcr.io/astral-sh/uv:0.4.20 /uv /bin/uv',
    'ENV UV_COMPILE_BYTECODE=1 PYTHONUNBUFFERED=1',
    'WORKDIR /app',
    'COPY pyproject.toml ./',
    'RUN --mount=type=cache,target=/root/.cache/uv uv sync --no-install-project',
    'RUN <<EOF',
    'apt-get update',
    'apt-get install -y --no-install-recommends git curl',
    'uv pip install --system -r requirements.txt',
    'EOF',
    'COPY . .',
    'RUN mkdir -p /app/data /app/models && chown -R 1000:1000 /app/data',
    'VOLUME /app/data',
    'USER 1000',
    'HEALTHCHECK --interval=30s CMD ["python", "-c", "print(1)"]',
    'EXPOSE 8000',
    'CMD ["python", "-m", "app"]',
    '',
  ].join('\n'),
  'compose.yaml': [
    'version: "3.8"',
    'services:',
    '  app:',
    '    build:',
    '      context: .',
    '      args:',
    '        HTTP_PROXY: ""',
    '    image: warm/app:latest',
    '    group_add:',
    '      - video',
    '      - "988"',
    '    devices:',
    '      - /dev/dri:/dev/dri',
    '    volumes:',
    '      - ./data:/app/data',
    '      - type: bind',
    '        source: ./models',
    '        target: /app/models',
    '        read_only: true',
    '    healthcheck:',
    '      test: ["CMD", "true"]',
    '    deploy:',
    '      resources:',
    '        limits:',
    '          memory: 256M',
    '',
  ].join('\n'),
  'run.sh': [
    '#!/usr/bin/env bash',
    'set -euo pipefail',
    'IMAGE="${IMAGE:-warm/app:latest}"',
    'podman build -t "$IMAGE" -f Dockerfile .',
    'podman run --rm -it --group-add video --device /dev/dri \\',
    '  -v "$PWD/data":/app/data --mount type=bind,source=./models,target=/app/models,readonly \\',
    '  "$IMAGE" "$@"',
    '',
  ].join('\n'),
  'pyproject.toml': '[project]\nname = "app"\nversion = "0.1.0"\nrequires-python = ">=3.11"\n',
  'uv.lock': 'version = 1\nrequires-python = ">=3.11"\n',
};

/** Where typing goes, and what is typed there: the edits of the Dockerfile, in order. */
const TYPING: readonly { after: string; typed: string }[] = [
  // Renaming a heredoc's delimiter: the body runs to the end of the file, then mentions uv.
  { after: 'RUN <<EOF', typed: 'xuv' },
  { after: 'apt-get update', typed: ' -q' },
  { after: 'uv sync --no-install-project', typed: ' --frozen' },
  { after: 'WORKDIR /app', typed: 's' },
];

/** The warm-up as steps, each short enough to run between two messages. */
export function warmUpSteps(): (() => void)[] {
  // Its only Dockerfile is open (it has a version), so no cache bound applies.
  const linter = new Linter();
  const config = defaultConfig();
  let snapshot = new Snapshot(Object.entries(FILES).map(([name, text]): SnapshotFile => ({ uri: ROOT + name, text, ...(name === 'Dockerfile' && { version: 1 }) })));
  let version = 1;
  const lint = (uris?: string[]) => diagnose(linter.lint(snapshot, config, uris), snapshot);
  const steps: (() => void)[] = [() => lint([DOCKERFILE]), () => lint()];
  for (const { after, typed } of TYPING) {
    for (const c of typed) {
      steps.push(() => {
        const text = snapshot.get(DOCKERFILE)!.text;
        const at = text.indexOf('\n', text.indexOf(after));
        snapshot = snapshot.with({ uri: DOCKERFILE, text: text.slice(0, at) + c + text.slice(at), version: ++version });
        lint([DOCKERFILE, ...linter.project(snapshot, config).dependents(DOCKERFILE)]);
      });
    }
  }
  // The code actions of a finding: its fixes, as listed (verifying them re-lints).
  steps.push(() => {
    for (const finding of linter.lint(snapshot, config)) linter.fixes(snapshot, config, finding, false);
  });
  return steps;
}

function diagnose(findings: Finding[], snapshot: Snapshot): void {
  JSON.stringify(findings.map((f) => toDiagnostic(f, snapshot)));
}

/** The warm-up scheduled last, settled once it has ended (for tests). */
let lastWarmUp: Promise<void> = Promise.resolve();

export function warmUpFinished(): Promise<void> {
  return lastWarmUp;
}

/**
 * Runs the warm-up a step per turn of the event loop, waiting while `busy()` (work of the user's
 * is queued); `cancel` stops it. A step that throws ends it: it is an optimisation, never a fault.
 */
export function scheduleWarmUp(busy: () => boolean, onError: (e: unknown) => void): { cancel(): void } {
  const steps = warmUpSteps();
  let timer: NodeJS.Timeout | undefined;
  let finished!: () => void;
  lastWarmUp = new Promise((resolve) => (finished = resolve));
  const end = () => {
    clearTimeout(timer);
    steps.length = 0;
    finished();
  };
  const next = () => {
    if (!steps.length) return end();
    if (!busy()) {
      try {
        steps.shift()!();
      } catch (e) {
        onError(e);
        return end();
      }
    }
    timer = setTimeout(next, 0);
  };
  timer = setTimeout(next, 0);
  return { cancel: end };
}
