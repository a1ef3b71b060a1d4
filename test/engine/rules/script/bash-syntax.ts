// Every script a fix produces must still be valid bash: `bash -n` reads it without running it.

import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import type { InvalidCase } from '../../../support/rule-tester';
import { requireTool } from '../../../support/require-tool';

export function assertBashParses(text: string, what: string): void {
  const result = spawnSync('bash', ['-n'], { input: text.replace(/\r\n/g, '\n'), encoding: 'utf8' });
  assert.equal(result.status, 0, `bash -n ${what}: ${result.stderr}\n${text}`);
}

/** A test that runs `bash -n` on every expected output of the cases. */
export function fixedScriptsParse(ruleId: string, cases: readonly InvalidCase[]): void {
  it(`${ruleId}: every fixed script passes bash -n`, function () {
    if (!requireTool('bash', 'install bash')) this.skip();
    for (const c of cases) {
      for (const [file, text] of Object.entries(c.output ?? {})) if (file.endsWith('.sh')) assertBashParses(text, `${c.name ?? ''} ${file}`);
    }
  });
}
