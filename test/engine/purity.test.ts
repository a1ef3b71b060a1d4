// The engine is pure: the CLI, the server and the tests all feed it snapshots. Nothing under
// server/src/engine may reach the editor, the LSP connection, the file system or processes.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../support/paths';

const ENGINE_DIR = path.join(REPO_ROOT, 'server/src/engine');
const FORBIDDEN = /^(node:)?(fs|fs\/promises|child_process|net|http|https|os|worker_threads)$|^vscode$|^vscode-languageserver(\/.*)?$|^vscode-languageclient(\/.*)?$/;
const IMPORT = /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(full) : e.name.endsWith('.ts') ? [full] : [];
  });
}

export function forbiddenImports(text: string): string[] {
  return [...text.matchAll(IMPORT)].map((m) => m[1] ?? m[2] ?? m[3]).filter((spec) => FORBIDDEN.test(spec));
}

describe('engine purity', () => {
  it('no engine file imports vscode, the LSP connection, fs or child_process', () => {
    const files = sourceFiles(ENGINE_DIR);
    assert.ok(files.length > 10, 'the engine sources were found');
    const offenders = files.flatMap((f) => forbiddenImports(fs.readFileSync(f, 'utf8')).map((spec) => `${path.relative(REPO_ROOT, f)}: ${spec}`));
    assert.deepEqual(offenders, []);
  });

  it('the check itself catches each forbidden kind of import', () => {
    assert.deepEqual(forbiddenImports(`import * as fs from 'node:fs';`), ['node:fs']);
    assert.deepEqual(forbiddenImports(`import { spawn } from "child_process";`), ['child_process']);
    assert.deepEqual(forbiddenImports(`import { createConnection } from 'vscode-languageserver/node';`), ['vscode-languageserver/node']);
    assert.deepEqual(forbiddenImports(`const v = require('vscode');`), ['vscode']);
    assert.deepEqual(forbiddenImports(`import { TextDocument } from 'vscode-languageserver-textdocument';`), []);
  });
});
