// An edited open Dockerfile is re-parsed only where the edit changed it (the instructions before
// and after are kept). Whatever the edit, the parse tree and the findings must be those of a full
// parse of the new text: thousands of random edits of awkward and real Dockerfiles check it.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Instruction } from 'dockerfile-ast';
import { defaultConfig, Linter, Snapshot, type Range } from '../../server/src/engine/index';
import type { ParsedDockerfile } from '../../server/src/engine/parse/dockerfile';
import { parseAs } from '../../server/src/engine/parse/index';
import { CORPUS_DIR } from '../support/paths';

const AWKWARD: Record<string, string> = {
  escape: '# escape=`\nFROM python:3.12 AS base\nRUN echo a `\n  && uv sync --frozen\n# comment\nENV A=1 B=2\nRUN ["uv", "sync"]\n',
  heredoc: 'FROM debian:12\nARG V=1\nRUN <<EOF\nset -e\nuv pip install x\nEOF\nCOPY <<-END /etc/x\n\tline\n\tEND\nCMD ["python"]\n',
  continued: 'FROM a\nRUN apt-get update \\\n# inside\n\n    && apt-get install -y x \\\n  && uv sync\nONBUILD RUN echo $V\nLABEL a=b c="d e"\nHEALTHCHECK CMD true\n',
  crlf: 'FROM python:3.12\r\nWORKDIR /app\r\nRUN --mount=type=cache,target=/root/.cache/uv \\\r\n    uv sync --locked\r\nUSER 1000\r\nVOLUME /data\r\n',
  bom: '\uFEFFFROM a\nRUN x\nEXPOSE 80\n',
};
const PIECES = ['x', ' ', '\n', '\\', '\\\n', '`', '#', '# c\n', '<<EOF\n', 'EOF\n', '"', "'", '$V', '\r\n', '\r', '\t', 'FROM b AS c\n', 'ARG X=1\n', '[', ']', 'uv sync\n', 'RUN '];

function pos(r: Range | null): string {
  return r ? `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}` : '-';
}

function instructionShape(i: Instruction): string {
  const x = i as Instruction & Record<string, (() => unknown) | undefined>;
  const list = (name: string, show: (v: never) => string) => ((x[name]?.call(i) as never[] | undefined) ?? []).map(show).join(',');
  return [
    i.getKeyword(),
    pos(i.getRange()),
    pos(i.getInstructionRange()),
    i.getTextContent(),
    i.getArguments().map((a) => `${a.getValue()}@${pos(a.getRange())}`).join('|'),
    list('getFlags', (f: { toString(): string }) => f.toString()),
    list('getHeredocs', (h: { getName(): string; getContentRange(): Range | null }) => `${h.getName()}@${pos(h.getContentRange())}`),
    list('getProperties', (p: { getName(): string; getValue(): string | null }) => `${p.getName()}=${p.getValue()}`),
    list('getVariables', (v: { getName(): string; isDefined(): boolean }) => `${v.getName()}:${v.isDefined()}`),
  ].join(' ~ ');
}

function shape(file: ParsedDockerfile): string[] {
  return [
    file.ast.getEscapeCharacter(),
    ...file.ast.getDirectives().map((d) => `${d.getName()}=${d.getValue()}@${pos(d.getRange())}`),
    ...file.ast.getInstructions().map(instructionShape),
    ...file.ast.getComments().map((c) => `#${c.getContent()}@${pos(c.getRange())}`),
    `stages ${file.stages.map((s) => `${s.name}:${s.instructions.length}`).join(',')}; preamble ${file.preamble.length}`,
  ];
}

function corpusSample(count: number): string[] {
  const dir = path.join(CORPUS_DIR, 'dockerfile');
  if (!fs.existsSync(dir)) return [];
  const found: string[] = [];
  for (const repo of fs.readdirSync(dir).sort()) {
    for (const entry of fs.readdirSync(path.join(dir, repo), { recursive: true, encoding: 'utf8' }).sort()) {
      const file = path.join(dir, repo, entry);
      if (/(Dockerfile|Containerfile)[^/]*$/.test(entry) && fs.statSync(file).isFile()) found.push(fs.readFileSync(file, 'utf8'));
    }
  }
  return found.filter((_, i) => i % Math.max(1, Math.floor(found.length / count)) === 0).slice(0, count);
}

describe('re-parsing an edited open Dockerfile', () => {
  it('gives the tree and findings of a full parse after every one of thousands of random edits', function () {
    this.timeout(120_000);
    let seed = 42;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const config = defaultConfig();
    const uri = pathToFileURL('/ws/Dockerfile').href;
    const texts = [...Object.values(AWKWARD), ...corpusSample(40)];
    assert.ok(texts.length > 30, 'the corpus sample was found');
    for (const original of texts) {
      const linter = new Linter();
      let text = original;
      let snapshot = new Snapshot([{ uri, text, version: 0 }]);
      linter.lint(snapshot, config);
      for (let edit = 1; edit <= 25; edit++) {
        const at = random(text.length + 1);
        const removed = random(4) === 0 ? random(8) : 0;
        text = text.slice(0, at) + (random(4) === 0 ? '' : PIECES[random(PIECES.length)]) + text.slice(at + removed);
        snapshot = snapshot.with({ uri, text, version: edit });
        const context = `${JSON.stringify(original.slice(0, 40))}, edit ${edit}: ${JSON.stringify(text.slice(Math.max(0, at - 20), at + 20))}`;
        const reparsed = linter.project(snapshot, config).file(uri) as ParsedDockerfile;
        assert.deepEqual(shape(reparsed), shape(parseAs('dockerfile', uri, text) as ParsedDockerfile), context);
        assert.deepEqual(linter.lint(snapshot, config), new Linter().lint(snapshot, config), context);
      }
    }
  });

  it('keeps the instructions an edit did not touch', () => {
    const config = defaultConfig();
    const uri = pathToFileURL('/ws/Dockerfile').href;
    const lines = Array.from({ length: 50 }, (_, i) => `RUN echo ${i}`);
    const text = ['FROM a', ...lines].join('\n') + '\n';
    const linter = new Linter();
    const before = (linter.project(new Snapshot([{ uri, text, version: 1 }]), config).file(uri) as ParsedDockerfile).ast.getInstructions();
    const edited = text.replace('echo 25', 'echo 25x');
    const after = (linter.project(new Snapshot([{ uri, text: edited, version: 2 }]), config).file(uri) as ParsedDockerfile).ast.getInstructions();
    assert.equal(after.length, before.length);
    assert.deepEqual(
      after.map((i, n) => (i === before[n] ? 'kept' : i.getTextContent())),
      before.map((_, n) => (n === 26 ? 'RUN echo 25x' : 'kept')),
    );
  });
});
