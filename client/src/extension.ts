// Activation: start the language client (linting works in untrusted folders too), register the
// commands and the `tobs` task provider, and show the container's health once the folder is trusted.

import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { BackgroundJobs } from './commands/context';
import { TASK_TYPE } from './commands/ids';
import { resolveContainerName } from './commands/operations';
import { TobsError } from './engine/errors';
import { NodeProcessRunner } from './engine/process';
import type { HealthUpdate } from './health/monitor';
import { DEFAULT_SETTINGS } from './settings';
import { registerCommands, type Services } from './vscode/commands';
import { createLanguageClient } from './vscode/language-client';
import { OutputLog } from './vscode/output';
import { SECTION, readSettings } from './vscode/settings';
import { HealthStatusBar } from './vscode/status-bar';
import { TobsTaskProvider } from './vscode/tasks';
import { commandContext, currentFolder } from './vscode/workspace';

/** What the extension returns from `activate`, for integration tests and other extensions. */
export interface TobsApi {
  health(): HealthUpdate | undefined;
  refreshHealth(): Promise<HealthUpdate>;
}

let client: LanguageClient | undefined;
let background: BackgroundJobs | undefined;

export function activate(context: vscode.ExtensionContext): TobsApi {
  const output = new OutputLog();
  const runner = new NodeProcessRunner();
  background = new BackgroundJobs();
  const shared = { runner, background };

  client = createLanguageClient(context, runner);
  // Settles to the start error (if any), so an unused failure is not an unhandled rejection.
  const clientStartError = client.start().then(
    () => undefined,
    (error: Error) => {
      output.append(`error: the tobs language server did not start: ${error.message}`);
      return error;
    },
  );
  const languageClientReady = async () => {
    const error = await clientStartError;
    if (error) throw new TobsError('start-failed', `The tobs language server is not running (${error.message}); see the "tobs" output.`);
  };

  const health = new HealthStatusBar(
    {
      runner,
      settings: () => readSettings(currentFolder()?.uri),
      containerName: async (engine) => {
        try {
          return await resolveContainerName(commandContext(shared, { append: () => undefined }), engine);
        } catch {
          return readSettings(currentFolder()?.uri).containerName || DEFAULT_SETTINGS.containerName;
        }
      },
      systemdRunning: () => fs.existsSync('/run/systemd/system'),
      showLogs: () => void vscode.commands.executeCommand('tobs.showLogs'),
    },
    'tobs.healthMenu',
  );
  const services: Services = { ...shared, output, health, extensionUri: context.extensionUri, languageClientReady };

  context.subscriptions.push(
    output,
    health,
    ...registerCommands(services),
    vscode.tasks.registerTaskProvider(TASK_TYPE, new TobsTaskProvider(shared, () => void health.reset())),
    vscode.workspace.onDidGrantWorkspaceTrust(() => void health.refresh()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (vscode.workspace.isTrusted && e.affectsConfiguration(SECTION)) void health.reset();
    }),
  );
  // Polling runs the engine: only in a trusted folder.
  if (vscode.workspace.isTrusted && vscode.workspace.workspaceFolders?.length) void health.refresh();

  return { health: () => health.last, refreshHealth: () => health.refresh() };
}

export async function deactivate(): Promise<void> {
  background?.cancelAll();
  await client?.stop().catch(() => undefined);
}
