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

  constructor(files: Iterable<SnapshotFile> = []) {
    const map = new Map<string, SnapshotFile>();
    for (const f of files) map.set(uriKey(f.uri), f);
    this.byKey = map;
  }

  /** A snapshot over a map already keyed by `uriKey`: the unchanged URIs are not decoded again per edit. */
  private static fromMap(map: Map<string, SnapshotFile>): Snapshot {
    const snapshot = new Snapshot();
    snapshot.byKey = map;
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
    return Snapshot.fromMap(next);
  }

  without(uri: string): Snapshot {
    const next = new Map(this.byKey);
    next.delete(uriKey(uri));
    return Snapshot.fromMap(next);
  }
}

/** URIs from editors and from `pathToFileURL` encode differently; compare them decoded. */
export function uriKey(uri: string): string {
  return safeDecode(uri);
}
