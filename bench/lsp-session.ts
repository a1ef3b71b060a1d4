// One language server under measurement, spoken to over stdio as an editor would: initialize with
// a workspace folder, open documents, send edits, and note when each publishDiagnostics arrives.
// Works for any server: versions are matched when the server sends them, and otherwise the first
// publish after the edit counts (edits are sent one at a time, so none can be stale).

import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-languageserver/node';

export interface ServerSpec {
  /** The name used in tables. */
  name: string;
  argv: [string, ...string[]];
  /** What the client answers `workspace/configuration` with, by section. */
  settings: Record<string, unknown>;
  initializationOptions?: unknown;
  /** Servers that read their settings only from didChangeConfiguration are sent them after initialized. */
  pushSettings?: boolean;
}

interface Position {
  line: number;
  character: number;
}

interface Publish {
  at: number;
  version: number | undefined;
}

export interface Document {
  uri: string;
  languageId: string;
  version: number;
  text: string;
}

const PUBLISH_TIMEOUT_MS = 30_000;

export class LspSession {
  private readonly publishes = new Map<string, Publish[]>();
  private readonly waiters = new Set<() => void>();
  private incrementalSync = true;
  private exited = false;

  private constructor(
    readonly spec: ServerSpec,
    private readonly child: ChildProcess,
    private readonly connection: MessageConnection,
    /** performance.now() when the process was spawned. */
    readonly spawnedAt: number,
  ) {}

  /** performance.now() when the initialized notification was sent. */
  initializedAt = NaN;

  /** Spawns the server and completes the initialize handshake for `folder` (or no folder). */
  static async start(spec: ServerSpec, folder: string | undefined): Promise<LspSession> {
    const spawnedAt = performance.now();
    const child = spawn(spec.argv[0], spec.argv.slice(1), { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
    const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const session = new LspSession(spec, child, connection, spawnedAt);
    child.once('exit', (code) => {
      session.exited = true;
      if (code) process.stderr.write(`bench: ${spec.name} exited with ${code}\n${stderr}\n`);
      session.wake();
    });
    session.listen();
    const folderUri = folder ? pathToFileURL(folder).href : null;
    const result = (await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: folderUri,
      rootPath: folder ?? null,
      workspaceFolders: folderUri ? [{ uri: folderUri, name: 'bench' }] : null,
      initializationOptions: spec.initializationOptions,
      capabilities: {
        workspace: { configuration: true, workspaceFolders: true, didChangeConfiguration: { dynamicRegistration: false } },
        textDocument: {
          synchronization: { didSave: true },
          publishDiagnostics: { versionSupport: true, relatedInformation: true },
        },
      },
    })) as { capabilities: { textDocumentSync?: number | { change?: number } } };
    const sync = result.capabilities.textDocumentSync;
    session.incrementalSync = (typeof sync === 'number' ? sync : sync?.change) === 2;
    session.initializedAt = performance.now();
    await connection.sendNotification('initialized', {});
    if (spec.pushSettings) await connection.sendNotification('workspace/didChangeConfiguration', { settings: spec.settings });
    return session;
  }

  get pid(): number {
    return this.child.pid!;
  }

  private listen(): void {
    this.connection.onNotification('textDocument/publishDiagnostics', (params: { uri: string; version?: number }) => {
      const at = performance.now();
      const key = decodeURIComponent(params.uri);
      if (!this.publishes.has(key)) this.publishes.set(key, []);
      this.publishes.get(key)!.push({ at, version: params.version ?? undefined });
      this.wake();
    });
    this.connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) =>
      params.items.map((item) => (item.section ? (this.spec.settings[item.section] ?? null) : this.spec.settings)),
    );
    // Registrations, progress tokens, messages to show: accepted and ignored.
    this.connection.onRequest(() => null);
    this.connection.onNotification(() => undefined);
    this.connection.listen();
  }

  private wake(): void {
    for (const w of [...this.waiters]) w();
  }

  /** Resolves once `test` holds (checked after every publish), or rejects after the timeout. */
  private until<T>(test: () => T | undefined, what: string, timeoutMs = PUBLISH_TIMEOUT_MS): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const value = test();
        if (value !== undefined) {
          done();
          resolve(value);
        } else if (this.exited) {
          done();
          reject(new Error(`${this.spec.name} exited while waiting for ${what}`));
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`${this.spec.name}: no ${what} within ${timeoutMs} ms`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
      check();
    });
  }

  open(path: string, languageId: string, text = fs.readFileSync(path, 'utf8')): Document {
    const doc: Document = { uri: pathToFileURL(path).href, languageId, version: 1, text };
    void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: doc.uri, languageId, version: 1, text } });
    return doc;
  }

  /** Inserts `text` at `at`, as one keystroke; returns the time the edit was sent. */
  insert(doc: Document, at: Position, text: string): number {
    const offset = offsetOf(doc.text, at);
    doc.text = doc.text.slice(0, offset) + text + doc.text.slice(offset);
    doc.version += 1;
    const change = this.incrementalSync ? { range: { start: at, end: at }, text } : { text: doc.text };
    const sentAt = performance.now();
    void this.connection.sendNotification('textDocument/didChange', { textDocument: { uri: doc.uri, version: doc.version }, contentChanges: [change] });
    return sentAt;
  }

  /**
   * When the diagnostics of `uri` were published after `since`: for `version` when the server
   * says which version a publish is for, else the first publish after `since`.
   */
  diagnosticsAfter(uri: string, since: number, version?: number, timeoutMs?: number): Promise<number> {
    const key = decodeURIComponent(uri);
    return this.until(
      () => this.publishes.get(key)?.find((p) => p.at >= since && (version === undefined || p.version === undefined || p.version === version))?.at,
      `diagnostics for ${uri}${version === undefined ? '' : ` version ${version}`}`,
      timeoutMs,
    );
  }

  /** When the first burst of publishes (a server publishing its indexed workspace) ended. */
  async firstBurstEnd(quietMs: number, timeoutMs = 10 * 60_000): Promise<number> {
    await this.until(() => this.lastPublishAt(), 'a first publish', timeoutMs);
    return (await this.quiet(quietMs))!;
  }

  /** The time of the last publish of any file, once none has come for `quietMs`. */
  async quiet(quietMs: number, timeoutMs = 10 * 60_000): Promise<number | undefined> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const last = this.lastPublishAt();
      await sleep(quietMs);
      if (this.lastPublishAt() === last || performance.now() > deadline) return last;
    }
  }

  lastPublishAt(): number | undefined {
    return this.publishedSince(-Infinity).last;
  }

  /** How many files were published at or after `since`, and when the last of them came. */
  publishedSince(since: number): { files: number; last: number | undefined } {
    let files = 0;
    let last: number | undefined;
    for (const list of this.publishes.values()) {
      const at = list[list.length - 1]?.at;
      if (at === undefined || at < since) continue;
      files++;
      if (last === undefined || at > last) last = at;
    }
    return { files, last };
  }

  /** How many files have had diagnostics published. */
  publishedFiles(): number {
    return this.publishes.size;
  }

  /**
   * Round-trip time of a request the server cannot know: it answers "method not found" as soon as
   * its event loop is free, so the time measures how long the server was busy.
   */
  async ping(): Promise<number> {
    const sentAt = performance.now();
    await this.connection.sendRequest('bench/ping').catch(() => undefined);
    return performance.now() - sentAt;
  }

  /** Resident and peak resident memory of the server process, in bytes, from /proc. */
  memory(): { rss: number; peak: number } {
    const status = fs.readFileSync(`/proc/${this.pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
    return { rss: kb('VmRSS'), peak: kb('VmHWM') };
  }

  /** User + system CPU time of the server process so far, from /proc (in clock ticks of 10 ms). */
  cpuMs(): number {
    const stat = fs.readFileSync(`/proc/${this.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  }

  async stop(): Promise<void> {
    if (!this.exited) {
      const exited = new Promise((resolve) => this.child.once('exit', resolve));
      try {
        await withTimeout(this.connection.sendRequest('shutdown'), 2000);
        await this.connection.sendNotification('exit');
      } catch {
        // A server that does not answer shutdown is killed below.
      }
      await withTimeout(exited, 2000).catch(() => this.child.kill('SIGKILL'));
    }
    this.connection.dispose();
  }
}

function offsetOf(text: string, at: Position): number {
  let offset = 0;
  for (let line = 0; line < at.line; line++) offset = text.indexOf('\n', offset) + 1;
  return offset + at.character;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), ms))),
  ]);
}
