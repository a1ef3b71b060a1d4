// Property-based tests of the engine with fast-check: generated Dockerfiles, compose files and
// scripts, from plain noise to near-valid files built from the shapes the rules look for. For
// every input the engine check holds (no throw, no internal error, fixes computable and fitting
// their files, fix-all reaches a fixpoint, time within budget), fix-all is idempotent, and line
// endings do not change what is reported.
//
// CI: TOBS_FUZZ_RUNS (default below) runs per property from a fixed seed. Long run:
//   TOBS_FUZZ_RUNS=20000 TOBS_FUZZ_SEED=$RANDOM npx mocha test/robustness/engine-properties.test.ts
// A failure prints fast-check's seed and path; pass them back through TOBS_FUZZ_SEED and
// TOBS_FUZZ_PATH to replay the shrunk case.

import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { defaultConfig, fixAll, Linter, Snapshot, type Finding, type Language } from '../../server/src/engine/index';
import { checkEngine } from './support/engine-check';
import { envInteger, fuzzSeed } from './support/random';

const DEFAULT_RUNS = 60;
const runs = envInteger('TOBS_FUZZ_RUNS', DEFAULT_RUNS);
const URI: Record<Language, string> = { dockerfile: 'file:///prop/Dockerfile', compose: 'file:///prop/compose.yaml', shell: 'file:///prop/run.sh' };

function assertProperty<T>(arbitrary: fc.Arbitrary<T>, predicate: (value: T) => void): void {
  fc.assert(fc.property(arbitrary, predicate), { numRuns: runs, seed: fuzzSeed(), path: process.env.TOBS_FUZZ_PATH, endOnFailure: false });
}

// ---- words and values ---------------------------------------------------------------------

const noise = fc.string({ unit: 'binary', maxLength: 40 });
const shellish = fc.constantFrom('$PWD', '"$PWD"', '$(pwd)', '`pwd`', '${X:-y}', '"$@"', "'a b'", '\\', '"', "'", '$((1+2))', '<<EOF', '&&', '||', ';', '|', '#', '\t', '--', '-');
const word = fc.oneof(fc.stringMatching(/^[a-z][a-z0-9._/-]{0,12}$/), shellish, noise);
const version = fc.oneof(fc.constantFrom('0.4.0', '0.8.13', '0.9.0', 'latest', '${UV_VERSION}', '3.12', '3.12-slim', ''), fc.stringMatching(/^\d{1,2}\.\d{1,2}(\.\d{1,2})?$/));
const image = fc.oneof(
  fc.tuple(fc.constantFrom('python', 'ghcr.io/astral-sh/uv', 'tobs', 'docker.io/library/alpine', 'localhost/tobs'), version).map(([n, v]) => (v ? `${n}:${v}` : n)),
  word,
);
const gid = fc.oneof(fc.constantFrom('109', '993', '"109"', '${RENDER_GID:-993}', '${RENDER_GID}', 'render', 'video', '-1', '99999999999999999999'), fc.nat().map(String));
const eol = fc.constantFrom('\n', '\r\n');

// ---- Dockerfiles ----------------------------------------------------------------------------

const dockerInstruction = fc.oneof(
  fc.tuple(image, fc.option(word)).map(([i, stage]) => `FROM ${i}${stage ? ` AS ${stage}` : ''}`),
  version.map((v) => `COPY --from=ghcr.io/astral-sh/uv:${v} /uv /uvx /bin/`),
  fc.tuple(fc.constantFrom('ARG', 'ENV'), fc.constantFrom('PYTHON_VERSION', 'UV_VERSION', 'PATH', 'UV_NO_CACHE', 'UV_LINK_MODE'), word).map(([k, n, v]) => `${k} ${n}=${v}`),
  fc
    .tuple(fc.subarray(['--mount=type=cache,target=/root/.cache/uv', '--mount=type=bind,source=uv.lock,target=uv.lock']), fc.constantFrom('uv sync', 'uv sync --locked', 'uv sync --frozen --no-cache', 'uv pip install --system -r requirements.txt', 'pip install uv', 'uv pip install --no-deps .'), fc.array(word, { maxLength: 3 }))
    .map(([flags, cmd, extra]) => `RUN ${[...flags, cmd, ...extra].join(' ')}`),
  fc.array(word, { minLength: 1, maxLength: 4 }).map((ws) => `RUN ${ws.join(' \\\n    ')}`),
  fc.array(fc.constantFrom('/data', '/models', '/app/.venv', '"/x"', word as unknown as string), { maxLength: 3 }).map((ds) => `VOLUME ${ds.length % 2 ? JSON.stringify(ds) : ds.join(' ')}`),
  fc.constantFrom('HEALTHCHECK NONE', 'HEALTHCHECK CMD ["python", "-c", "1"]', 'CMD ["python", "-m", "tobs"]', 'ENTRYPOINT ["tobs"]', 'WORKDIR /app', 'USER 1000', 'COPY . .', 'COPY pyproject.toml uv.lock ./', '# a comment', ''),
  fc.constantFrom('RUN <<EOF\nuv sync\nEOF', 'RUN <<EOF\nuv sync', '# escape=`', 'RUN a \\', 'ONBUILD RUN uv sync'),
  noise,
);
const dockerfile = fc.tuple(fc.array(dockerInstruction, { maxLength: 14 }), eol).map(([lines, e]) => lines.join('\n').replace(/\n/g, e));

// ---- compose files --------------------------------------------------------------------------

const scalar = fc.oneof(word, gid, fc.integer(), fc.boolean(), fc.constant(null), fc.constant(''));
const service = fc.record(
  {
    image,
    build: fc.oneof(fc.constant('.'), word, fc.record({ context: word, dockerfile: word, args: fc.dictionary(fc.constantFrom('PYTHON_VERSION', 'UV_VERSION', 'X'), scalar) }, { requiredKeys: [] })),
    group_add: fc.oneof(fc.array(gid, { maxLength: 3 }), scalar),
    devices: fc.oneof(fc.array(fc.constantFrom('/dev/dri:/dev/dri', '/dev/dri', '/dev/dri/renderD128', '/dev/kfd'), { maxLength: 2 }), scalar),
    environment: fc.oneof(
      fc.dictionary(fc.constantFrom('HTTP_PROXY', 'https_proxy', 'NO_PROXY', 'RENDER_GID', 'X'), scalar),
      fc.array(fc.tuple(fc.constantFrom('HTTP_PROXY', 'no_proxy', 'X'), fc.option(word)).map(([k, v]) => (v === null ? k : `${k}=${v}`)), { maxLength: 4 }),
    ),
    mem_limit: scalar,
    cpus: scalar,
    deploy: fc.oneof(scalar, fc.record({ resources: fc.record({ limits: fc.dictionary(fc.constantFrom('cpus', 'memory'), scalar), reservations: fc.anything({ maxDepth: 2 }) }, { requiredKeys: [] }) }, { requiredKeys: [] })),
    healthcheck: fc.oneof(scalar, fc.record({ test: fc.oneof(fc.array(word, { maxLength: 4 }), word), interval: word, disable: fc.boolean() }, { requiredKeys: [] })),
    extends: fc.oneof(word, fc.record({ file: word, service: word }, { requiredKeys: [] })),
    volumes: fc.array(fc.oneof(word, fc.constant('./data:/data:Z')), { maxLength: 3 }),
  },
  { requiredKeys: [] },
);
const composeObject = fc.record(
  {
    version: fc.oneof(fc.constantFrom('3.8', '2', '3'), scalar),
    name: word,
    services: fc.oneof(fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9_-]{0,8}$/), service, { maxKeys: 3 }), scalar, fc.array(scalar, { maxLength: 2 })),
    include: fc.array(word, { maxLength: 2 }),
    'x-extra': fc.anything({ maxDepth: 3 }),
  },
  { requiredKeys: [] },
);
const compose = fc.oneof(
  fc.tuple(composeObject, fc.constantFrom<'block' | 'flow'>('block', 'flow'), eol).map(([o, style, e]) => stringify(o, { collectionStyle: style, lineWidth: 0 }).replace(/\n/g, e)),
  fc.tuple(composeObject, fc.nat(), noise).map(([o, at, n]) => {
    const text = stringify(o);
    const cut = at % (text.length + 1);
    return text.slice(0, cut) + n + text.slice(cut);
  }),
  noise,
);

// ---- scripts --------------------------------------------------------------------------------

const engineWord = fc.constantFrom('podman', 'docker', 'sudo podman', '$container_cmd', '${DOCKER}', 'exec docker', '"$ENGINE"');
const runFlag = fc.oneof(
  fc.constantFrom('--rm', '-it', '-d', '-u 0', '--user=root', '--user="$(id -u):$(id -g)"', '--device /dev/dri', '--format docker', '-e http_proxy=', '-e HTTP_PROXY=$HTTP_PROXY', '--env-file=.env'),
  fc.tuple(fc.constantFrom('-v ', '--volume=', '-v'), fc.constantFrom('$PWD', '"$PWD"', '$(pwd)', '`pwd`', './', '~/x'), fc.constantFrom(':/data', ':/work:Z', '')).map(([f, h, c]) => f + h + c),
  gid.map((g) => `--group-add=${g}`),
  word,
);
const scriptLine = fc.oneof(
  fc.tuple(engineWord, fc.constantFrom('run', 'build', 'create', 'image exists', 'compose up'), fc.array(runFlag, { maxLength: 6 }), image).map(([e, sub, flags, i]) => `${e} ${sub} ${flags.join(' ')} ${i}`),
  fc.constantFrom('set -euo pipefail', 'if ! podman image exists "$IMAGE"; then', 'fi', 'RENDER_GID=$(getent group render | cut -d: -f3)', 'cat <<EOF', 'EOF', 'f() {', '}', 'case "$1" in', 'esac', '# comment', ''),
  noise,
);
const script = fc.tuple(fc.constantFrom('#!/bin/bash', '#!/usr/bin/env sh', ''), fc.array(scriptLine, { minLength: 1, maxLength: 10 }), eol).map(([shebang, lines, e]) => [shebang, 'podman run x', ...lines].join('\n').replace(/\n/g, e));

// ---- properties -----------------------------------------------------------------------------

const generators: Record<Language, fc.Arbitrary<string>> = { dockerfile, compose, shell: script };

function describeDefects(text: string, defects: unknown[]): string {
  return `${JSON.stringify(text.slice(0, 400))}\n${JSON.stringify(defects, null, 1)}`;
}

/** What a finding says, regardless of line endings: the rule, the line and the message. */
function summary(findings: Finding[]): string[] {
  return findings.map((f) => `${f.rule}@${f.range.start.line}: ${f.message}`).sort();
}

describe('engine properties (fast-check)', function () {
  this.timeout(0);
  for (const language of ['dockerfile', 'compose', 'shell'] as const) {
    describe(language, () => {
      it(`survives ${runs} generated files: no throw, no internal error, sound fixes, a fixpoint`, () => {
        assertProperty(generators[language], (text) => {
          const report = checkEngine(new Snapshot([{ uri: URI[language], text }]), defaultConfig(), { fixes: true, fixAll: true });
          assert.deepEqual(report.defects, [], describeDefects(text, report.defects));
        });
      });

      it(`fix-all is idempotent on ${runs} generated files`, () => {
        assertProperty(generators[language], (text) => {
          const linter = new Linter();
          const once = fixAll(linter, new Snapshot([{ uri: URI[language], text }]), defaultConfig());
          const twice = fixAll(linter, once.snapshot, defaultConfig());
          assert.deepEqual([...twice.changed], [], `a second fix-all still changed ${JSON.stringify(once.snapshot.get(URI[language])!.text.slice(0, 400))}`);
        });
      });

      it(`reports the same for LF and CRLF line endings on ${runs} generated files`, () => {
        assertProperty(generators[language], (generated) => {
          const lf = generated.replace(/\r\n/g, '\n');
          if (lf.includes('\r')) return; // lone CRs are line breaks of their own; nothing to compare
          const lint = (text: string) => summary(new Linter().lint(new Snapshot([{ uri: URI[language], text }]), defaultConfig()));
          assert.deepEqual(lint(lf.replace(/\n/g, '\r\n')), lint(lf), JSON.stringify(lf.slice(0, 400)));
        });
      });
    });
  }
});
