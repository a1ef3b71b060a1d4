// Builds a CommandContext from the VS Code window: the workspace folder to act on, the settings
// of that folder, the shared runner, output and background jobs.

import * as os from 'node:os';
import * as vscode from 'vscode';
import { nodeHostFiles, type BackgroundJobs, type CommandContext } from '../commands/context';
import { TobsError } from '../engine/errors';
import type { OperationLog } from '../engine/log';
import type { ProcessRunner } from '../engine/process';
import { readSettings } from './settings';

export interface Shared {
  runner: ProcessRunner;
  background: BackgroundJobs;
}

/** The folder of the active editor's file, else the first workspace folder. */
export function currentFolder(): vscode.WorkspaceFolder | undefined {
  const active = vscode.window.activeTextEditor?.document.uri;
  return (active && vscode.workspace.getWorkspaceFolder(active)) ?? vscode.workspace.workspaceFolders?.[0];
}

export function commandContext(
  shared: Shared,
  log: OperationLog,
  options: { progress?: (message: string) => void; signal?: AbortSignal; folder?: vscode.WorkspaceFolder } = {},
): CommandContext {
  const folder = options.folder ?? currentFolder();
  if (!folder || folder.uri.scheme !== 'file') throw new TobsError('not-found', 'Open a folder with a Dockerfile first: the tobs commands act on a local workspace folder.');
  return {
    runner: shared.runner,
    log,
    settings: readSettings(folder.uri),
    workspaceFolder: folder.uri.fsPath,
    home: os.homedir(),
    files: nodeHostFiles,
    progress: options.progress ?? (() => undefined),
    signal: options.signal,
    background: shared.background,
  };
}
