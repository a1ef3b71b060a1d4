// Bundles the integration suite for the extension host: index.js plus one file per test file, as
// @vscode/test-electron expects. `vscode` comes from the host; mocha from the repository's
// node_modules (out/ sits in the repository, so Node finds it).

import * as fs from 'node:fs';
import * as path from 'node:path';
import { build } from 'esbuild';
import { REPO_ROOT } from '../support/paths';
import { SUITES } from './index';

const SOURCE_DIR = path.join(REPO_ROOT, 'test/vscode');
const OUT_DIR = path.join(REPO_ROOT, 'out/vscode-tests');

/** Builds the suite and returns the absolute path of its index.js. */
export async function buildIntegrationSuite(): Promise<string> {
  const testFiles = SUITES.flatMap((suite) =>
    fs
      .readdirSync(path.join(SOURCE_DIR, suite))
      .filter((f) => f.endsWith('.test.ts'))
      .map((f) => path.join(SOURCE_DIR, suite, f)),
  );
  fs.rmSync(OUT_DIR, { recursive: true, force: true });
  await build({
    entryPoints: [path.join(SOURCE_DIR, 'index.ts'), ...testFiles],
    outbase: SOURCE_DIR,
    outdir: OUT_DIR,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  return path.join(OUT_DIR, 'index.js');
}
