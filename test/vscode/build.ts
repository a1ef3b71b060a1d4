// Bundles the integration suite for the extension host: index.js plus one file per test file, as
// @vscode/test-electron expects. `vscode` comes from the host; mocha from the repository's
// node_modules (out/ sits in the repository, so Node finds it). Each build gets its own folder,
// so two test runs in one working tree do not delete each other's bundle.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { build } from 'esbuild';
import type { Cleanup } from '../support/cleanup';
import { REPO_ROOT } from '../support/paths';
import { SUITES } from './index';

const SOURCE_DIR = path.join(REPO_ROOT, 'test/vscode');

/** Builds the suite and returns the absolute path of its index.js; `cleanup` removes the build. */
export async function buildIntegrationSuite(cleanup: Cleanup): Promise<string> {
  const outDir = path.join(REPO_ROOT, 'out/vscode-tests', `run-${process.pid}-${Date.now()}`);
  fs.mkdirSync(outDir, { recursive: true });
  cleanup.add(`remove ${outDir}`, () => fs.rmSync(outDir, { recursive: true, force: true }));
  const testFiles = SUITES.flatMap((suite) =>
    fs
      .readdirSync(path.join(SOURCE_DIR, suite))
      .filter((f) => f.endsWith('.test.ts'))
      .map((f) => path.join(SOURCE_DIR, suite, f)),
  );
  await build({
    entryPoints: [path.join(SOURCE_DIR, 'index.ts'), ...testFiles],
    outbase: SOURCE_DIR,
    outdir: outDir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  return path.join(outDir, 'index.js');
}
