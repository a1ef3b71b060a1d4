// Runs a CommonJS bundle with V8's code cache kept next to it. Compiling the bundle, and each of
// its functions when first called, is a good part of a short CLI run; with the cache V8 reads the
// bytecode instead. The cache is only an optimisation: a missing, stale, foreign or damaged one,
// or a folder that cannot be written, costs the compilation and nothing else.

import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';

/**
 * V8 checks a cache against the source's length, not its content: the header names the exact
 * bundle (and the Node version and architecture) that the data was made from.
 */
function cacheKey(source: string): Buffer {
  return createHash('sha256').update(process.version).update('\0').update(process.arch).update('\0').update(source).digest();
}

const KEY_BYTES = 32;

function readCache(file: string, key: Buffer): Buffer | undefined {
  try {
    const data = fs.readFileSync(file);
    return data.length > KEY_BYTES && data.subarray(0, KEY_BYTES).equals(key) ? data.subarray(KEY_BYTES) : undefined;
  } catch {
    return undefined;
  }
}

/** Written whole under another name, then renamed: a concurrent run reads the old cache or the new one. */
function writeCache(file: string, key: Buffer, data: Buffer): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(temporary, Buffer.concat([key, data]), { mode: 0o644 });
    fs.renameSync(temporary, file);
  } catch {
    try {
      fs.rmSync(temporary, { force: true });
    } catch {
      // Nothing to clean up.
    }
  }
}

/**
 * Loads `bundle` as a CommonJS module and returns its exports. The cache (`<bundle>.cache`) is
 * written when the process exits, so that it holds the functions the run compiled, whenever
 * there was none or V8 rejected it.
 */
export function loadWithCodeCache(bundle: string): Record<string, unknown> {
  const source = fs.readFileSync(bundle, 'utf8');
  const cacheFile = `${bundle}.cache`;
  const key = cacheKey(source);
  const cachedData = readCache(cacheFile, key);
  const wrapper = `(function (exports, require, module, __filename, __dirname) { ${source}\n})`;
  const script = new vm.Script(wrapper, { filename: bundle, cachedData });
  const module = { exports: {} as Record<string, unknown>, filename: bundle, id: bundle, loaded: false };
  const run = script.runInThisContext() as (exports: unknown, require: NodeRequire, module: unknown, filename: string, dirname: string) => void;
  run.call(module.exports, module.exports, createRequire(bundle), module, bundle, path.dirname(bundle));
  module.loaded = true;
  if (!cachedData || script.cachedDataRejected) process.once('exit', () => writeCache(cacheFile, key, script.createCachedData()));
  return module.exports;
}
