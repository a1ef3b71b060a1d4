// A small LSP client for tests, speaking real JSON-RPC to the server: in process over a pair of
// streams (fast), or to a spawned `node dist/server.js --stdio`. It keeps the open documents'
// text, applies workspace edits the way an editor does, answers the server's requests
// (configuration, registrations, applyEdit) and lets a test wait for a publish it expects.

import { fork, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import {
  ApplyWorkspaceEditRequest,
  CodeActionRequest,
  ConfigurationRequest,
  createConnection,
  createProtocolConnection,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExecuteCommandRequest,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  IPCMessageReader,
  IPCMessageWriter,
  LogMessageNotification,
  ProposedFeatures,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShowMessageNotification,
  ShowMessageRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type CodeAction,
  type Command,
  type Connection,
  type Diagnostic,
  type FileEvent,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Range,
  type Registration,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { startServer } from '../../server/src/lsp/server';

/** What VS Code announces, as far as this server looks at it. */
export const VSCODE_LIKE_CAPABILITIES: ClientCapabilities = {
  workspace: {
    configuration: true,
    workspaceFolders: true,
    applyEdit: true,
    workspaceEdit: { documentChanges: true },
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true },
  },
  textDocument: {
    publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } }, isPreferredSupport: true },
  },
};

export interface InitializeOptions {
  folders?: string[];
  /** The `tobs` settings section the client answers `workspace/configuration` with. */
  settings?: unknown;
  capabilities?: ClientCapabilities;
}

const key = (uri: string) => decodeURIComponent(uri);

export class LspTestClient {
  readonly published = new Map<string, PublishDiagnosticsParams>();
  /** Every publish, in order of arrival. */
  readonly publishes: PublishDiagnosticsParams[] = [];
  readonly registrations: Registration[] = [];
  readonly messages: string[] = [];
  readonly appliedEdits: WorkspaceEdit[] = [];
  settings: unknown = {};
  private readonly documents = new Map<string, TextDocument>();
  private readonly listeners = new Set<() => void>();

  private constructor(
    readonly connection: ProtocolConnection,
    private readonly stop: () => void,
    readonly child?: ChildProcess,
  ) {
    connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.published.set(key(p.uri), p);
      this.publishes.push(p);
      this.listeners.forEach((l) => l());
    });
    connection.onRequest(ConfigurationRequest.type, (p) => p.items.map((item) => (item.section === 'tobs' ? this.settings : null)));
    connection.onRequest(RegistrationRequest.type, (p) => {
      this.registrations.push(...p.registrations);
    });
    connection.onRequest(ApplyWorkspaceEditRequest.type, (p) => {
      this.applyEdit(p.edit);
      return { applied: true };
    });
    connection.onNotification(LogMessageNotification.type, (p) => void this.messages.push(p.message));
    connection.onNotification(ShowMessageNotification.type, (p) => void this.messages.push(p.message));
    connection.onRequest(ShowMessageRequest.type, (p) => {
      this.messages.push(p.message);
      return null;
    });
    connection.listen();
  }

  /** The server in this process, over two in-memory streams. */
  static inProcess(): LspTestClient {
    const toServer = new PassThrough();
    const toClient = new PassThrough();
    const server: Connection = createConnection(ProposedFeatures.all, new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
    startServer(server);
    const client = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
    return new LspTestClient(client, () => {
      client.dispose();
      server.dispose();
      toServer.end();
      toClient.end();
    });
  }

  /** A server process: `command args…` speaking LSP on its stdin and stdout. */
  static spawn(command: string, args: string[]): LspTestClient {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    return LspTestClient.ofChild(child, createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!)));
  }

  /** A server process forked with `--node-ipc`, speaking LSP over Node's IPC channel. */
  static fork(modulePath: string): LspTestClient {
    const child = fork(modulePath, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    return LspTestClient.ofChild(child, createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child)));
  }

  /** A client of a server process, which `dispose` kills if it is still running. */
  private static ofChild(child: ChildProcess, connection: ProtocolConnection): LspTestClient {
    const result = new LspTestClient(connection, () => {
      connection.dispose();
      if (child.exitCode === null) child.kill('SIGKILL');
    }, child);
    child.stderr!.on('data', (d: Buffer) => result.messages.push(d.toString()));
    return result;
  }

  async initialize(options: InitializeOptions = {}): Promise<InitializeResult> {
    this.settings = options.settings ?? {};
    const folders = options.folders ?? [];
    const result = await this.connection.sendRequest(InitializeRequest.type, {
      processId: null,
      rootUri: folders[0] ?? null,
      workspaceFolders: folders.map((uri) => ({ uri, name: uri.slice(uri.lastIndexOf('/') + 1) })),
      capabilities: options.capabilities ?? VSCODE_LIKE_CAPABILITIES,
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
    return result;
  }

  /** The open documents, by URI, with their current text. */
  openDocuments(): Map<string, string> {
    return new Map([...this.documents.values()].map((d) => [d.uri, d.getText()]));
  }

  text(uri: string): string | undefined {
    return this.documents.get(key(uri))?.getText();
  }

  version(uri: string): number | undefined {
    return this.documents.get(key(uri))?.version;
  }

  open(uri: string, languageId: string, text: string): Promise<void> {
    this.documents.set(key(uri), TextDocument.create(uri, languageId, 1, text));
    return this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
  }

  /** Sends `edits` (relative to the current text) as incremental changes, as an editor does. */
  edit(uri: string, edits: TextEdit[]): Promise<void> {
    const doc = this.documents.get(key(uri));
    if (!doc) throw new Error(`not open: ${uri}`);
    const next = TextDocument.create(doc.uri, doc.languageId, doc.version + 1, TextDocument.applyEdits(doc, edits));
    this.documents.set(key(uri), next);
    // Applied back to front, each change leaves the positions of the ones before it valid.
    const contentChanges = [...edits].sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character);
    return this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: doc.uri, version: next.version },
      contentChanges: contentChanges.map((e) => ({ range: e.range, text: e.newText })),
    });
  }

  replaceText(uri: string, text: string): Promise<void> {
    const doc = this.documents.get(key(uri));
    if (!doc) throw new Error(`not open: ${uri}`);
    return this.edit(uri, [{ range: { start: { line: 0, character: 0 }, end: doc.positionAt(doc.getText().length) }, newText: text }]);
  }

  close(uri: string): Promise<void> {
    this.documents.delete(key(uri));
    return this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  /**
   * Applies a workspace edit like VS Code: edits to open documents become didChange, and a file
   * that is not open is opened with the edited text of its disk file. Refuses an edit for a
   * document version that is no longer current.
   */
  applyEdit(edit: WorkspaceEdit): void {
    this.appliedEdits.push(edit);
    const perFile: { uri: string; version?: number | null; edits: TextEdit[] }[] = edit.documentChanges
      ? edit.documentChanges.map((c) => {
          if (!('textDocument' in c)) throw new Error('resource operations are not expected');
          return { uri: c.textDocument.uri, version: c.textDocument.version, edits: c.edits as TextEdit[] };
        })
      : Object.entries(edit.changes ?? {}).map(([uri, edits]) => ({ uri, edits }));
    for (const f of perFile) {
      const open = this.documents.get(key(f.uri));
      if (open && f.version != null && f.version !== open.version) throw new Error(`stale edit for ${f.uri}: version ${f.version}, document at ${open.version}`);
      if (open) void this.edit(open.uri, f.edits);
      else {
        const doc = TextDocument.create(f.uri, 'plaintext', 0, fs.readFileSync(fileURLToPath(f.uri), 'utf8'));
        void this.open(f.uri, 'plaintext', TextDocument.applyEdits(doc, f.edits));
      }
    }
  }

  /** Resolves with the diagnostics of `uri` once its latest publish satisfies `accept`. */
  diagnostics(uri: string, accept: (p: PublishDiagnosticsParams) => boolean = () => true): Promise<Diagnostic[]> {
    return this.waitForPublish(() => {
      const p = this.published.get(key(uri));
      return p && accept(p) ? p.diagnostics : undefined;
    });
  }

  /** A point in the stream of publishes, for `diagnosticsSince`. */
  mark(): number {
    return this.publishes.length;
  }

  /** Resolves with the diagnostics of the first publish for `uri` after `mark` that `accept`s them. */
  diagnosticsSince(uri: string, mark: number, accept: (p: PublishDiagnosticsParams) => boolean = () => true): Promise<Diagnostic[]> {
    return this.waitForPublish(() => this.publishes.slice(mark).find((p) => key(p.uri) === key(uri) && accept(p))?.diagnostics);
  }

  /** Re-evaluates `probe` at every publish until it gives a value. */
  waitForPublish<T>(probe: () => T | undefined): Promise<T> {
    return new Promise((resolve) => {
      const check = () => {
        const value = probe();
        if (value === undefined) return;
        this.listeners.delete(check);
        resolve(value);
      };
      this.listeners.add(check);
      check();
    });
  }

  /** Resolves once the server has answered a request sent now: everything it sent before has arrived. */
  async roundTrip(): Promise<void> {
    await this.codeActions('file:///tobs-test/nothing-here', { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, []);
  }

  /** The diagnostics published for the document's current version (waiting for them if needed). */
  currentDiagnostics(uri: string, accept: (d: Diagnostic[]) => boolean = () => true): Promise<Diagnostic[]> {
    return this.diagnostics(uri, (p) => p.version === this.version(uri) && accept(p.diagnostics));
  }

  codeActions(uri: string, range: Range, diagnostics: Diagnostic[], only?: string[]): Promise<(CodeAction | Command)[] | null> {
    return this.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics, only } });
  }

  executeCommand(command: string, args: unknown[] = []): Promise<unknown> {
    return this.connection.sendRequest(ExecuteCommandRequest.type, { command, arguments: args });
  }

  changeSettings(settings: unknown): Promise<void> {
    this.settings = settings;
    return this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { tobs: settings } });
  }

  changeWatchedFiles(changes: FileEvent[]): Promise<void> {
    return this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
  }

  /** `shutdown`, then `exit` for a spawned server (in process, `exit` would end the test run). */
  async shutdown(): Promise<void> {
    await this.connection.sendRequest(ShutdownRequest.type);
    if (this.child) await this.connection.sendNotification(ExitNotification.type);
  }

  dispose(): void {
    this.listeners.clear();
    this.stop();
  }
}
