import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Finding, Fix } from '../../engine/types';

export interface Reported {
  finding: Finding;
  fixes: Fix[];
}

/** A file URI as a path relative to the working directory, with forward slashes. */
export function displayPath(uri: string, cwd = process.cwd()): string {
  let p: string;
  try {
    p = fileURLToPath(uri);
  } catch {
    return uri;
  }
  const rel = path.relative(cwd, p);
  return (rel.startsWith('..') || path.isAbsolute(rel) ? p : rel).split(path.sep).join('/');
}
