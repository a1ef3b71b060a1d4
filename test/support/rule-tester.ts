// A RuleTester in the ESLint manner, over several files at once: each case is a small workspace
// (relative path → text). Invalid cases state where the rule fires and the exact text of every
// file after its preferred fixes; the tester also checks that fixing is idempotent and that the
// rule is quiet afterwards.

import * as assert from 'node:assert/strict';
import { defaultConfig, fixAll, Linter, rulesById, Snapshot, type Config, type Finding, type HostFacts, type Options } from '../../server/src/engine/index';

export const ROOT = 'file:///ws/';

export interface Case {
  name?: string;
  files: Record<string, string>;
  options?: Partial<Options>;
  host?: HostFacts;
}

export interface ExpectedFinding {
  /** Relative path; defaults to the case's first file. */
  file?: string;
  /** 1-based, like the CLI. */
  line: number;
  column?: number;
  /** A substring of the message. */
  message?: string;
}

export interface InvalidCase extends Case {
  errors: ExpectedFinding[];
  /** Every file that the preferred fixes change, with its full text afterwards. */
  output?: Record<string, string>;
}

export function snapshotOf(files: Record<string, string>): Snapshot {
  return new Snapshot(Object.entries(files).map(([p, text]) => ({ uri: ROOT + p, text })));
}

export function configOf(c: Pick<Case, 'options' | 'host'>): Config {
  const config = defaultConfig(c.host ?? {});
  config.options = { ...config.options, ...c.options };
  return config;
}

export function lintFiles(files: Record<string, string>, c: Pick<Case, 'options' | 'host'> = {}): Finding[] {
  return new Linter().lint(snapshotOf(files), configOf(c));
}

function caseName(c: Case, i: number): string {
  return c.name ?? `case ${i + 1}: ${Object.values(c.files)[0].split('\n').find((l) => l.trim())?.slice(0, 60) ?? ''}`;
}

export function testRule(ruleId: string, cases: { valid: Case[]; invalid: InvalidCase[] }): void {
  describe(ruleId, () => {
    it('is registered', () => assert.ok(rulesById.get(ruleId), `${ruleId} is not in the registry`));

    cases.valid.forEach((c, i) => {
      it(`valid: ${caseName(c, i)}`, () => {
        const found = lintFiles(c.files, c).filter((f) => f.rule === ruleId);
        assert.deepEqual(found.map(describeFinding), [], 'expected no findings');
      });
    });

    cases.invalid.forEach((c, i) => {
      it(`invalid: ${caseName(c, i)}`, () => {
        const first = Object.keys(c.files)[0];
        const found = lintFiles(c.files, c).filter((f) => f.rule === ruleId);
        const actual = found.map((f) => ({ file: f.uri.slice(ROOT.length), line: f.range.start.line + 1, column: f.range.start.character + 1, message: f.message }));
        assert.equal(actual.length, c.errors.length, `expected ${c.errors.length} findings, got:\n${found.map(describeFinding).join('\n')}`);
        c.errors.forEach((e, k) => {
          const a = actual[k];
          assert.equal(a.file, e.file ?? first, `finding ${k + 1}: file`);
          assert.equal(a.line, e.line, `finding ${k + 1}: line (${a.message})`);
          if (e.column !== undefined) assert.equal(a.column, e.column, `finding ${k + 1}: column`);
          if (e.message !== undefined) assert.ok(a.message.includes(e.message), `finding ${k + 1}: message "${a.message}" lacks "${e.message}"`);
          assert.ok(a.message.length > 0);
        });
        if (c.output) checkOutput(ruleId, c);
      });
    });
  });
}

function checkOutput(ruleId: string, c: InvalidCase): void {
  const linter = new Linter();
  const config = configOf(c);
  const before = snapshotOf(c.files);
  const only = (r: string) => r === ruleId;
  const result = fixAll(linter, before, config, undefined, only);
  for (const [p, text] of Object.entries(c.files)) {
    const after = result.snapshot.get(ROOT + p)!.text;
    const expected = c.output![p] ?? text;
    assert.equal(after, expected, `text of ${p} after the fix`);
  }
  const left = linter.lint(result.snapshot, config).filter((f) => f.rule === ruleId);
  assert.deepEqual(left.map(describeFinding), [], 'the rule still fires after its fix');
  const again = fixAll(linter, result.snapshot, config, undefined, only);
  assert.equal(again.changed.size, 0, 'fixing again changes nothing');
}

export function describeFinding(f: Finding): string {
  return `${f.uri.slice(ROOT.length)}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.rule} ${f.message}`;
}

/** Converts a text to CRLF line endings, for the CRLF variants of cases. */
export function crlf(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}
