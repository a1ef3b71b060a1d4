import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Finding, Fix } from '../../engine/types';

export interface Reported {
  finding: Finding;
  fixes: Fix[];
}

/** displayPath's answers for the working directory it was last asked about: a report names each file many times. */
const known = { cwd: '', paths: new Map<string, string>() };
const MAX_KNOWN = 10_000;

/** A file URI as a path relative to the working directory, with forward slashes. */
export function displayPath(uri: string, cwd = process.cwd()): string {
  if (known.cwd !== cwd || known.paths.size >= MAX_KNOWN) {
    known.cwd = cwd;
    known.paths.clear();
  }
  let shown = known.paths.get(uri);
  if (shown === undefined) known.paths.set(uri, (shown = relativePath(uri, cwd)));
  return shown;
}

function relativePath(uri: string, cwd: string): string {
  let p: string;
  try {
    p = fileURLToPath(uri);
  } catch {
    return uri;
  }
  const rel = path.relative(cwd, p);
  return (rel.startsWith('..') || path.isAbsolute(rel) ? p : rel).split(path.sep).join('/');
}
