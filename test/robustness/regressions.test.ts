// Inputs the fuzzers found to crash, hang or mislead the engine, minimised, one case each; every
// case names the fix. They run with the engine check of the fuzzers (no throw, no internal
// error, fixes computable, fix-all reaches a fixpoint, within the time budget).

import * as assert from 'node:assert/strict';
import { defaultConfig, fixAll, Linter, MAX_FILE_SIZE, Snapshot } from '../../server/src/engine/index';
import { MAX_NESTING } from '../../server/src/engine/parse/compose';
import { MAX_REPORTED_ERRORS } from '../../server/src/engine/rules/compose/yaml-syntax';
import { parseShell } from '../../server/src/engine/parse/shell';
import { budgetMs, checkEngine } from './support/engine-check';

interface Regression {
  name: string;
  /** A workspace for the engine check; or, for a parser found quadratic, `parse` below. */
  files?: Record<string, string>;
  /** A further check on top of the engine check. */
  also?: (snapshot: Snapshot) => void;
  /** Parses an input larger than the engine lints (parsers must be linear whatever the limit). */
  parse?: () => { chars: number; run: () => void };
}

const ROOT = 'file:///regression/';

const REGRESSIONS: Regression[] = [
  {
    name: 'a `\\` continuation ended by a lone CR before a comment line (dockerfile-ast getHeredocs threw; parse/dockerfile.ts)',
    files: { Dockerfile: 'FROM python:3.12\nRUN\t\\\r#b\nRUN <<EOF\\\r# c\nuv sync\nEOF\n' },
  },
  {
    name: 'hundreds of thousands of YAML errors on one line (push(...) overflowed the stack in lint.ts; pretty errors made parsing quadratic in parse/compose.ts; compose/yaml-syntax reported every error)',
    files: { 'compose.yaml': 'services:\n  a:\n    image: x\nkey: ' + '"'.repeat(100_000) + '\n' },
    also: (snapshot) => {
      const reported = new Linter().lint(snapshot, defaultConfig()).filter((f) => f.rule === 'compose/yaml-syntax');
      assert.equal(reported.length, MAX_REPORTED_ERRORS, 'the first errors only');
    },
  },
  {
    name: 'a compose file with a duplicate key still gets its fixes (the fix guard re-parsed with unique keys and saw a new error; fix.ts)',
    files: { 'compose.yaml': 'version: "3.8"\nservices:\n  app:\n    image: x\n    image: y\n' },
    also: (snapshot) => {
      const linter = new Linter();
      const finding = linter.lint(snapshot, defaultConfig()).find((f) => f.rule === 'compose/obsolete-version');
      assert.ok(finding, 'compose/obsolete-version reports the version key');
      assert.equal(linter.fixes(snapshot, defaultConfig(), finding).length, 1, 'its fix survives the syntax guard');
    },
  },
  {
    name: 'an unterminated heredoc at the end of a Dockerfile (dockerfile/healthcheck appended into it, once per fix-all pass)',
    files: { Dockerfile: 'FROM python:3.12\nRUN <<EOF\nuv sync\n' },
  },
  {
    name: 'a heredoc marker without a name as the last line (dockerfile/healthcheck, as above)',
    files: { Dockerfile: 'FROM python:3.12\nRUN\t<<:' },
  },
  {
    name: 'a podman run line of 127,000 words (push(...) overflowed the stack in parse/engine-cli.ts; found by the server fuzzer)',
    files: { 'run.sh': '#!/bin/bash\npodman run img ' + 'x '.repeat(127_000) + '\n', 'other.sh': '#!/bin/bash\npodman run -- ' + 'x '.repeat(127_000) + '\n' },
  },
  {
    name: 'an unterminated heredoc at the end (dockerfile/uv-venv-path appended ENV PATH into it once per pass; the engine now drops a fix that does not resolve its finding)',
    files: { Dockerfile: 'FROM python:0.0\nCMD ["python", "-m", "tobs"]\nRUN <<EOF\nuv sync' },
  },
  {
    name: 'an unterminated quote in the ENV a setting is appended to (dockerfile/uv-link-mode, as above)',
    files: { Dockerfile: 'FROM python:0.0\nENV PYTHON_VERSION="\nRUN uv sync' },
  },
  {
    name: 'a YAML error quoting a token of 120,000 blanks (compose/yaml-syntax cleaned the whole message with a regular expression quadratic on blank runs: minutes for a megabyte; found by the server fuzzer)',
    files: {
      'compose.yaml': ['\ufeff\ufeffversion: "3.8"', '\r', 'image: "' + ' '.repeat(120_000), 'services:\r', '  tobs:\r    build:\r', ' \t context: .', '\r\tdockerfile: Dockerfile\r', '\\FOE<<($`\'"      args:\r', '\r        HTTP_PROXY: ""\r        HTTPS_PROXY: ""', '\r        http_proxy: ""\r- ' + 'a'.repeat(120_000)].join('\n'),
    },
    also: (snapshot) => {
      const messages = new Linter().lint(snapshot, defaultConfig()).map((f) => f.message);
      assert.ok(messages.length > 0 && messages.every((m) => m.length < 400), 'messages are cut, not a token of blanks');
    },
  },
  {
    name: 'a 4.8 MB RUN line is not parsed (it took 3.8 GB of memory, enough to kill a language server; the size limit is now 256 KB)',
    files: { Dockerfile: 'FROM python:3.12\nRUN echo ' + 'x '.repeat(2_400_000) + '\n' },
    also: (snapshot) => {
      assert.equal(new Linter().unreadable(snapshot)[0]?.message, `not linted: larger than ${MAX_FILE_SIZE}`);
    },
  },
  {
    name: 'export followed by 90,000 option-like words in a continued RUN (the shell tokenizer re-checked every word at each word: a minute for 1 MB; found by the mutation fuzzer)',
    parse: () => {
      const script = 'apt-get update && export DEBIAN_FRONTEND=noninteractive \\\n' + '-v $PWD:/x '.repeat(90_000) + '\n    # a comment\n    && apt-get purge -y x\n';
      return { chars: script.length, run: () => parseShell(script, { dockerfileComments: true }) };
    },
  },
  {
    name: 'a compose line of 200,000 [ (the YAML parse tree took about 900 bytes per level: a megabyte of them held 890 MB and stalled the language server; found by the server fuzzer)',
    files: { 'compose.yaml': 'services:\n  app:\n    image: x\n    command: ' + '['.repeat(200_000) + '\n' },
    also: (snapshot) => {
      const messages = new Linter().lint(snapshot, defaultConfig()).map((f) => f.message);
      assert.ok(messages.some((m) => m.includes(`nested more than ${MAX_NESTING} deep`)), messages.join('\n'));
    },
  },
  {
    name: 'a compose file of lines ended by lone CRs (YAML reads no line break there and nests each line in the last: the composer overflowed its stack at a depth that depends on the JIT, so errors changed from run to run and a long-running process took seconds; found by the mutation fuzzer)',
    files: { 'compose.yaml': 'services:\n  app:\n    image: x\n' + '    a: 1\r'.repeat(3_000) },
    also: (snapshot) => {
      const lint = () => new Linter().lint(snapshot, defaultConfig()).map((f) => f.message);
      const first = lint();
      assert.ok(first.some((m) => m.includes(`nested more than ${MAX_NESTING} deep`)), first.join('\n'));
      assert.deepEqual(lint(), first);
    },
  },
  {
    name: 'a COPY source with an unclosed [ (shared/copies.ts built a regular expression from it and threw in the fixes of dockerfile/uv-sync and uv-lock-not-copied; found by the mutation fuzzer)',
    files: {
      Dockerfile: 'FROM python:3.11.8-slim-bookworm\nCOPY --from=ghcr.io/astral-sh/uv:0.4.20 /uv /bin/uv\nWORKDIR /app\nCOPY pyproject.toml uv.l[ock ./\nRUN uv pip compile pyproject.toml -o requirements.txt && \\\n    uv pip install --system -r requirements.txt\nCMD ["python", "-m", "tobs"]\n',
      'pyproject.toml': '[project]\nname = "tobs"\n',
      'uv.lock': 'version = 1\n',
    },
  },
  {
    name: 'a podman run with 5,000 unquoted $PWD mounts (fix-all verified each fix with a lint of the file: hours for a 256 KB script; found by the mutation fuzzer)',
    files: { 'run.sh': '#!/bin/bash\npodman run ' + '-v $PWD:/x '.repeat(5_000) + 'img\n' },
    also: (snapshot) => assert.equal(fixAllWithinBudget(snapshot).applied.length, 5_000, 'all fixed'),
  },
  {
    name: 'a Dockerfile with 2,500 WORKDIR and ENV lines (the working directory and environment at each line were worked out from the stage\'s first instruction: seconds per lint, and fix-all lints once per fix; found by the mutation fuzzer)',
    files: {
      Dockerfile: 'FROM python:3.11.8-slim-bookworm\nCOPY --from=ghcr.io/astral-sh/uv:0.4.20 /uv /bin/uv\n' + 'WORKDIR /app\nENV PYTHONDONTWRITEBYTECODE=1 \\\n    PYTHONUNBUFFERED=1\n'.repeat(2_500) + 'COPY pyproject.toml ./\nRUN uv pip install --system -r pyproject.toml\nCMD ["python", "-m", "tobs"]\n',
      'pyproject.toml': '[project]\nname = "tobs"\n',
      'compose.yaml': 'services:\n  tobs:\n    build: .\n    volumes:\n      - ./sessions:/app/sessions\n',
    },
    also: (snapshot) => assert.ok(fixAllWithinBudget(snapshot).applied.length > 0),
  },
];

/** Fix-all of the whole snapshot, within the time budget of its size (CPU time). */
function fixAllWithinBudget(snapshot: Snapshot) {
  const started = process.cpuUsage();
  const result = fixAll(new Linter(), snapshot, defaultConfig());
  const used = process.cpuUsage(started);
  const ms = (used.user + used.system) / 1000;
  const chars = [...snapshot.files()].reduce((n, f) => n + f.text.length, 0);
  assert.ok(ms < budgetMs(chars), `fix-all took ${Math.round(ms)} ms of CPU for ${chars} chars (budget ${Math.round(budgetMs(chars))} ms)`);
  return result;
}

describe('robustness regressions', () => {
  for (const r of REGRESSIONS) {
    it(r.name, () => {
      if (r.parse) {
        const { chars, run } = r.parse();
        const started = process.cpuUsage();
        run();
        const used = process.cpuUsage(started);
        const ms = (used.user + used.system) / 1000;
        assert.ok(ms < budgetMs(chars), `parsing ${chars} chars took ${Math.round(ms)} ms of CPU (budget ${Math.round(budgetMs(chars))} ms)`);
      }
      if (!r.files) return;
      const snapshot = new Snapshot(Object.entries(r.files).map(([p, text]) => ({ uri: ROOT + p, text })));
      const report = checkEngine(snapshot, defaultConfig(), { fixes: true, fixAll: true });
      assert.deepEqual(report.defects, []);
      r.also?.(snapshot);
    });
  }
});
