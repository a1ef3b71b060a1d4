import { safeDecode } from './uri';

export interface SnapshotFile {
  uri: string;
  text: string;
  /** The editor's document version, when the text comes from an open editor. */
  version?: number;
}

/**
 * The files the engine sees, by URI. Immutable: `with`/`without` return a new snapshot sharing
 * the unchanged entries, so a parse cache keyed by text identity stays valid across edits.
 */
export class Snapshot {
  private byKey: ReadonlyMap<string, SnapshotFile>;
  /**
   * Stands for the set of files (their URIs, not their texts): snapshots made by `with` from
   * this one share it as long as they add no file, so what depends only on which files exist
   * can be kept across edits.
   */
  get fileSet(): object {
    return this.setOfFiles;
  }

  private setOfFiles: object = {};

  constructor(files: Iterable<SnapshotFile> = []) {
    const map = new Map<string, SnapshotFile>();
    for (const f of files) map.set(uriKey(f.uri), f);
    this.byKey = map;
  }

  /** A snapshot over a map already keyed by `uriKey`: the unchanged URIs are not decoded again per edit. */
  private static fromMap(map: Map<string, SnapshotFile>, fileSet: object): Snapshot {
    const snapshot = new Snapshot();
    snapshot.byKey = map;
    snapshot.setOfFiles = fileSet;
    return snapshot;
  }

  get(uri: string): SnapshotFile | undefined {
    return this.byKey.get(uriKey(uri));
  }

  has(uri: string): boolean {
    return this.byKey.has(uriKey(uri));
  }

  files(): IterableIterator<SnapshotFile> {
    return this.byKey.values();
  }

  get size(): number {
    return this.byKey.size;
  }

  with(...files: SnapshotFile[]): Snapshot {
    const next = new Map(this.byKey);
    for (const f of files) next.set(uriKey(f.uri), f);
    return Snapshot.fromMap(next, next.size === this.byKey.size ? this.fileSet : {});
  }

  without(uri: string): Snapshot {
    const next = new Map(this.byKey);
    next.delete(uriKey(uri));
    return Snapshot.fromMap(next, next.size === this.byKey.size ? this.fileSet : {});
  }
}

/** Decoded forms of the URIs seen lately: the same few thousand URIs are compared on every edit. */
const keys = new Map<string, string>();
const KEYS_KEPT = 50_000;

/** URIs from editors and from `pathToFileURL` encode differently; compare them decoded. */
export function uriKey(uri: string): string {
  let key = keys.get(uri);
  if (key === undefined) {
    if (keys.size >= KEYS_KEPT) keys.clear();
    keys.set(uri, (key = safeDecode(uri)));
  }
  return key;
}
