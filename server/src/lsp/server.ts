// The language server: LSP messages in, engine calls, diagnostics and edits out. Everything about
// findings and fixes comes from the engine; this file only wires the pieces to the connection.

import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  ErrorCodes,
  FileChangeType,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  WatchKind,
  type ClientCapabilities,
  type Connection,
  type FileSystemWatcher,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CONFIG_FILE_NAME, Linter, uriKey } from '../engine/index';
import { basenameUri } from '../engine/uri';
import { codeActions, FIX_ALL_KIND } from './code-actions';
import { FIX_ALL_IN_WORKSPACE_COMMAND, fixAllInWorkspace } from './commands';
import { WorkspaceFiles } from './files';
import { FolderConfigs } from './folder-configs';
import { HOST_FACTS_CHANGED_NOTIFICATION, HostFactsSource } from './host-facts';
import { indexFolders, readDiskText, readWatchedFile, WATCHED_GLOBS } from './indexing';
import { OnceLog } from './log';
import { followHeap } from './memory-policy';
import { DiagnosticsPublisher } from './publisher';
import { DEFAULT_SETTINGS, readUserSettings, type UserSettings } from './settings';
import { scheduleWarmUp } from './warm-up';
import { WorkspaceEditBuilder } from './workspace-edit';

export const SERVER_NAME = 'tobs-language-server';
/**
 * Parse trees kept for Dockerfiles that are not open, besides the open ones: enough for a file and
 * its neighbours linted together, few enough that a large workspace costs its texts and compose
 * and script models, not the Dockerfile trees (about 20 times their text in memory).
 */
const CLOSED_DOCKERFILE_PARSES = 8;

export function startServer(connection: Connection): void {
  const log = new OnceLog(connection.console);
  const documents = new TextDocuments(TextDocument);
  const linter = new Linter({ maxClosedDockerfileParses: CLOSED_DOCKERFILE_PARSES });
  const files = new WorkspaceFiles();
  const configs = new FolderConfigs((uri) => (files.isOpen(uri) ? files.snapshot().get(uri)?.text : readDiskText(uri)));
  const publisher = new DiagnosticsPublisher(linter, files, configs, (p) => void connection.sendDiagnostics(p), log);
  const hostFacts = new HostFactsSource(connection, (facts) => {
    configs.setHostFacts(facts);
    publisher.changedAll();
  });
  const refreshHostFacts = log.guard('hostFacts', undefined, () => hostFacts.refresh());
  let client: ClientCapabilities = {};
  let folders: string[] = [];
  let settings: UserSettings = DEFAULT_SETTINGS;
  /** Settings pushed with didChangeConfiguration, for clients that cannot be asked for them. */
  let pushedSettings: unknown;
  /** Compiling what edits need once the workspace is published (see warm-up.ts). */
  let warmUp: { cancel(): void } | undefined;

  const editBuilder = () => new WorkspaceEditBuilder(!!client.workspace?.workspaceEdit?.documentChanges, (uri) => files.versionOf(uri));
  const insideFolders = (uri: string) => folders.some((f) => uriKey(uri).startsWith(uriKey(f).replace(/\/?$/, '/')));

  async function fetchSettings(): Promise<UserSettings> {
    let raw = pushedSettings;
    if (client.workspace?.configuration) {
      try {
        raw = await connection.workspace.getConfiguration('tobs');
      } catch (e) {
        log.once(`could not read the tobs settings: ${(e as Error).message}`);
      }
    }
    return readUserSettings(raw, (message) => log.once(message));
  }

  function reloadConfigs(): void {
    configs.load(folders);
    publisher.publishConfigProblems();
    publisher.changedAll();
  }

  /** Reads the workspace folders from disk and publishes everything. */
  function index(): void {
    configs.load(folders);
    configs.setUserRules(settings.rules);
    // Reading and linting a workspace keeps most of what it allocates (see memory-policy.ts).
    followHeap(true);
    const result = indexFolders(folders, settings.maxFiles);
    for (const problem of result.problems) log.once(problem);
    if (result.truncated) {
      void connection.window.showWarningMessage(
        `tobs: the workspace has more than ${settings.maxFiles} container files; only the first ${settings.maxFiles} are checked (setting tobs.maxFiles).`,
      );
    }
    files.replaceDisk(result.files);
    publisher.publishConfigProblems();
    publisher.start();
    warmUp ??= scheduleWarmUp(
      () => publisher.busy,
      (e) => log.once(`warming up failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`, 'info'),
    );
  }

  async function applySettings(): Promise<void> {
    const previous = settings;
    settings = await fetchSettings();
    configs.setUserRules(settings.rules);
    if (settings.maxFiles !== previous.maxFiles) index();
    else publisher.changedAll();
  }

  connection.onInitialize((params): InitializeResult => {
    client = params.capabilities;
    folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        executeCommandProvider: { commands: [FIX_ALL_IN_WORKSPACE_COMMAND] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: SERVER_NAME },
    };
  });

  connection.onInitialized(
    log.guard('initialized', undefined, async () => {
      // Detecting takes the client a moment: linting starts without the facts, and again with them.
      void refreshHostFacts();
      if (client.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
        const watchers: FileSystemWatcher[] = [
          ...WATCHED_GLOBS.map((globPattern) => ({ globPattern })),
          // Deleting a folder reports only the folder, which no file pattern matches.
          { globPattern: '**/*', kind: WatchKind.Delete },
        ];
        void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers });
      }
      if (client.workspace?.didChangeConfiguration?.dynamicRegistration) {
        void connection.client.register(DidChangeConfigurationNotification.type, { section: 'tobs' });
      }
      if (client.workspace?.workspaceFolders) {
        connection.workspace.onDidChangeWorkspaceFolders(
          log.guard('didChangeWorkspaceFolders', undefined, (event) => {
            const removed = new Set(event.removed.map((f) => uriKey(f.uri)));
            folders = [...folders.filter((f) => !removed.has(uriKey(f))), ...event.added.map((f) => f.uri)];
            index();
          }),
        );
      }
      settings = await fetchSettings();
      index();
    }),
  );

  documents.onDidChangeContent(
    log.guard('didChange', undefined, ({ document }) => {
      files.setOpen(document.uri, document.getText(), document.version);
      if (basenameUri(document.uri) === CONFIG_FILE_NAME) reloadConfigs();
      publisher.changed(document.uri);
    }),
  );

  documents.onDidClose(
    log.guard('didClose', undefined, ({ document }) => {
      // Back to the disk's text when the file is part of the workspace, else gone.
      const onDisk = insideFolders(document.uri) ? readWatchedFile(document.uri) : undefined;
      if (onDisk) files.setDisk(onDisk);
      else files.removeDisk(document.uri);
      files.close(document.uri);
      if (basenameUri(document.uri) === CONFIG_FILE_NAME) reloadConfigs();
      publisher.changed(document.uri);
    }),
  );

  connection.onDidChangeWatchedFiles(
    log.guard('didChangeWatchedFiles', undefined, ({ changes }) => {
      let configChanged = false;
      for (const change of changes) {
        configChanged ||= basenameUri(change.uri) === CONFIG_FILE_NAME;
        const onDisk = change.type === FileChangeType.Deleted ? undefined : readWatchedFile(change.uri);
        const affected = onDisk ? [onDisk.uri] : files.removeDisk(change.uri);
        if (onDisk) files.setDisk(onDisk);
        affected.forEach((uri) => publisher.changed(uri));
      }
      if (configChanged) reloadConfigs();
    }),
  );

  connection.onNotification(HOST_FACTS_CHANGED_NOTIFICATION, refreshHostFacts);

  connection.onDidChangeConfiguration(
    log.guard('didChangeConfiguration', undefined, async (params) => {
      pushedSettings = (params.settings as { tobs?: unknown } | undefined)?.tobs ?? pushedSettings;
      await applySettings();
    }),
  );

  connection.onCodeAction(
    log.guard('codeAction', [], (params) => {
      const config = configs.configFor(params.textDocument.uri);
      return codeActions({ linter, snapshot: files.snapshot(), config, edits: editBuilder() }, params);
    }),
  );

  connection.onExecuteCommand(async (params) => {
    if (params.command !== FIX_ALL_IN_WORKSPACE_COMMAND) throw new ResponseError(ErrorCodes.InvalidParams, `unknown command: ${params.command}`);
    const result = fixAllInWorkspace(linter, files.snapshot(), configs);
    if (!result.changed.size) return { changedFiles: 0, fixes: 0, applied: true };
    const edit = editBuilder().fromSnapshots(result.before, result.after, result.changed);
    const { applied } = await connection.workspace.applyEdit({ label: 'Fix all tobs problems in the workspace', edit });
    return { changedFiles: result.changed.size, fixes: result.fixes, applied };
  });

  connection.onShutdown(() => {
    warmUp?.cancel();
    publisher.dispose();
  });

  documents.listen(connection);
  connection.listen();
}
