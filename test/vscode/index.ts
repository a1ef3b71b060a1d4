// The entry point VS Code loads as `extensionTestsPath` (the @vscode/test-electron protocol: it
// calls run() in the extension host and exits 0 when it resolves). Runs the test files of one
// workspace configuration, named by TOBS_VSCODE_SUITE: `trusted` (the default) or `untrusted`.

import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { InnerReporter } from './reporter';

export const SUITES = ['trusted', 'untrusted'] as const;
export type SuiteName = (typeof SUITES)[number];

export function run(): Promise<void> {
  const suite = process.env.TOBS_VSCODE_SUITE ?? 'trusted';
  if (!(SUITES as readonly string[]).includes(suite)) return Promise.reject(new Error(`TOBS_VSCODE_SUITE=${suite}: expected one of ${SUITES.join(', ')}`));
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 45_000, reporter: InnerReporter });
  const dir = path.join(__dirname, suite);
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.test.js')).sort()) mocha.addFile(path.join(dir, file));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures ? reject(new Error(`${failures} integration test(s) failed`)) : resolve()));
  });
}
