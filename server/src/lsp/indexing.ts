// Reading the workspace from disk: the first indexing of the workspace folders (bounded by
// `tobs.maxFiles`) and the files the client's watcher reports as created or changed.

import * as fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CONFIG_FILE_NAME, classify, type SnapshotFile } from '../engine/index';
import { basenameUri } from '../engine/uri';
import { CONTEXT_FILES, readTextFile, walkWorkspace } from '../host/workspace-files';

export interface IndexResult {
  files: SnapshotFile[];
  problems: string[];
  /** True when `maxFiles` stopped the indexing early. */
  truncated: boolean;
}

/** Reads the lintable and context files of every `file:` folder, at most `maxFiles` in all. */
export function indexFolders(folderUris: readonly string[], maxFiles: number): IndexResult {
  const result: IndexResult = { files: [], problems: [], truncated: false };
  for (const folderUri of folderUris) {
    const folder = filePath(folderUri);
    if (!folder) continue;
    const walk = walkWorkspace(folder, maxFiles - result.files.length);
    result.files.push(...walk.files);
    result.problems.push(...walk.problems.map((p) => `${p.path}: ${p.message}`));
    if (walk.truncated) {
      result.truncated = true;
      break;
    }
  }
  return result;
}

/**
 * The disk text of a created or changed file, or undefined when the server has no use for it
 * (gone, a folder, not a file the engine lints or reads).
 */
export function readWatchedFile(uri: string): SnapshotFile | undefined {
  const text = readDiskText(uri);
  if (text === undefined) return undefined;
  const wanted = classify(uri) !== undefined || classify(uri, text) !== undefined || CONTEXT_FILES.has(basenameUri(uri));
  return wanted ? { uri, text } : undefined;
}

/** The text of the file at a `file:` URI; undefined when there is no such readable file. */
export function readDiskText(uri: string): string | undefined {
  const file = filePath(uri);
  try {
    return file !== undefined && fs.statSync(file).isFile() ? readTextFile(file) : undefined;
  } catch {
    return undefined;
  }
}

export function filePath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** What the client's watcher reports: the engine's files by name, its context files, the config. */
export const WATCHED_GLOBS: readonly string[] = [
  '**/{Dockerfile,Containerfile,dockerfile,containerfile}',
  '**/{Dockerfile,Containerfile}.*',
  '**/*.{dockerfile,containerfile,Dockerfile,Containerfile}',
  '**/{docker-compose,compose}*.{yml,yaml}',
  '**/*.{sh,bash}',
  `**/{${[...CONTEXT_FILES].join(',')}}`,
  `**/${CONFIG_FILE_NAME}`,
];
