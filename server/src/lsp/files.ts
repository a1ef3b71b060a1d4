// The files the server lints: what indexing and the file watcher read from disk, overlaid with the
// open documents at the version the editor last sent. One immutable Snapshot is kept up to date
// edit by edit, so unchanged files keep their parse caches.

import { Snapshot, uriKey, type SnapshotFile } from '../engine/index';

export class WorkspaceFiles {
  private disk = new Map<string, SnapshotFile>();
  private readonly open = new Map<string, SnapshotFile>();
  private current: Snapshot | undefined;

  snapshot(): Snapshot {
    this.current ??= new Snapshot([...this.disk.values(), ...this.open.values()]);
    return this.current;
  }

  /** The editor's version of an open document; undefined for files only on disk. */
  versionOf(uri: string): number | undefined {
    return this.open.get(uriKey(uri))?.version;
  }

  isOpen(uri: string): boolean {
    return this.open.has(uriKey(uri));
  }

  setOpen(uri: string, text: string, version: number): void {
    const file = { uri, text, version };
    this.open.set(uriKey(uri), file);
    this.current = this.current?.with(file);
  }

  /** The document was closed: the file falls back to its disk text, if it has one. */
  close(uri: string): void {
    const key = uriKey(uri);
    this.open.delete(key);
    const onDisk = this.disk.get(key);
    this.current = onDisk ? this.current?.with(onDisk) : this.current?.without(uri);
  }

  setDisk(file: SnapshotFile): void {
    const key = uriKey(file.uri);
    this.disk.set(key, file);
    if (!this.open.has(key)) this.current = this.current?.with(file);
  }

  /** Forgets the file at `uri`, or every file under it when it is a folder; returns their URIs. */
  removeDisk(uri: string): string[] {
    const key = uriKey(uri);
    const folder = key.replace(/\/?$/, '/');
    const removed: string[] = [];
    for (const [k, file] of this.disk) {
      if (k !== key && !k.startsWith(folder)) continue;
      this.disk.delete(k);
      removed.push(file.uri);
      if (!this.open.has(k)) this.current = this.current?.without(file.uri);
    }
    return removed;
  }

  /** Replaces everything read from disk (a fresh indexing); open documents stay. */
  replaceDisk(files: Iterable<SnapshotFile>): void {
    this.disk = new Map([...files].map((f) => [uriKey(f.uri), f]));
    this.current = undefined;
  }
}
