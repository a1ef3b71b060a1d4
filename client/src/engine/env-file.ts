// Writes one `KEY=value` into the workspace `.env` (which compose reads), leaving every other line
// byte for byte as it was, and refusing any target that resolves outside the workspace folder.

import * as fs from 'node:fs/promises';
import * as path from 'node:path';

const KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The text with `key` set to `value`: the last definition is replaced in place, or a line appended. */
export function upsertEnvLine(text: string, key: string, value: string): string {
  if (!KEY.test(key)) throw new Error(`not a variable name: ${key}`);
  if (/[\r\n]/.test(value)) throw new Error('a .env value must be one line');
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(/\r?\n/);
  const definition = new RegExp(`^(\\s*(?:export\\s+)?${key}\\s*=).*$`);
  for (let i = lines.length - 1; i >= 0; i--) {
    const match = definition.exec(lines[i]);
    if (match) {
      lines[i] = `${match[1]}${value}`;
      return joinKeepingEnds(text, lines);
    }
  }
  if (text === '') return `${key}=${value}${eol}`;
  const separator = /\r?\n$/.test(text) ? '' : eol;
  return `${text}${separator}${key}=${value}${eol}`;
}

/** Re-joins lines with the line ending each one had (only the changed line's content differs). */
function joinKeepingEnds(original: string, lines: string[]): string {
  const ends = original.match(/\r?\n/g) ?? [];
  return lines.map((line, i) => line + (i < ends.length ? ends[i] : '')).join('');
}

export class OutsideWorkspaceError extends Error {}

/**
 * Sets `key=value` in `<workspaceFolder>/.env`. Refuses when `.env` (or the folder) is a link that
 * leads outside the workspace folder. Returns the file written.
 */
export async function writeEnvVariable(workspaceFolder: string, key: string, value: string): Promise<string> {
  const root = await fs.realpath(workspaceFolder);
  const target = path.join(root, '.env');
  let existing = '';
  let real = target;
  try {
    real = await fs.realpath(target);
    existing = await fs.readFile(real, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    // A dangling symlink would make writeFile create its target wherever it points.
    if (await isLink(target)) throw new OutsideWorkspaceError(`${target} is a link to a missing file; not following it`);
  }
  const relative = path.relative(root, real);
  if (relative.startsWith('..') || path.isAbsolute(relative)) {
    throw new OutsideWorkspaceError(`.env resolves to ${real}, outside the workspace folder; not writing it`);
  }
  // A hard link has no path to check: the same file may also be one outside the workspace.
  const links = await fs.stat(real).then((s) => s.nlink, () => 1);
  if (links > 1) throw new OutsideWorkspaceError(`${real} has ${links} hard links, so it may be a file outside the workspace folder; not writing it`);
  await fs.writeFile(real, upsertEnvLine(existing, key, value), 'utf8');
  return real;
}

async function isLink(p: string): Promise<boolean> {
  try {
    return (await fs.lstat(p)).isSymbolicLink();
  } catch {
    return false;
  }
}
