// Registers the commands: trust gate, one progress notification with Cancel, the operation from
// commands/, and a clear message with "Open output" for any failure (never an unhandled rejection).

import * as vscode from 'vscode';
import type { CommandContext } from '../commands/context';
import { COMMANDS, SERVER_FIX_ALL_COMMAND, type CommandId } from '../commands/ids';
import { buildAndRun, buildOnly, connectEngine, detectRenderGid, resolveContainerName, runOnly, stop } from '../commands/operations';
import { logsArgv, restartArgv } from '../engine/argv';
import { writeEnvVariable } from '../engine/env-file';
import { TobsError, isTobsError } from '../engine/errors';
import { logError } from '../engine/log';
import { succeeded } from '../engine/process';
import type { OutputLog } from './output';
import { showRuleDocs } from './rule-docs';
import type { HealthStatusBar } from './status-bar';
import { commandContext, type Shared } from './workspace';

export interface Services extends Shared {
  output: OutputLog;
  health: HealthStatusBar;
  extensionUri: vscode.Uri;
  /** Resolves when the language client is running; rejects when it could not start. */
  languageClientReady(): Promise<void>;
}

type Handler = (services: Services, ...args: unknown[]) => Promise<unknown>;

const OPEN_OUTPUT = 'Open output';

/** Runs `work` under one progress notification with a Cancel button; the steps show as its message. */
export function withProgress<T>(services: Services, title: string, work: (ctx: CommandContext) => Promise<T>): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `tobs: ${title}`, cancellable: true }, (progress, token) => {
    const controller = new AbortController();
    token.onCancellationRequested(() => controller.abort());
    const ctx = commandContext(services, services.output, { progress: (message) => progress.report({ message }), signal: controller.signal });
    services.output.append('');
    services.output.append(`${title} — ${new Date().toLocaleString()} — ${ctx.workspaceFolder}`);
    return work(ctx);
  });
}

const HANDLERS: Record<CommandId, Handler> = {
  'tobs.buildAndRun': async (services) => {
    services.output.show();
    const started = await withProgress(services, COMMANDS['tobs.buildAndRun'].title, buildAndRun);
    const health = await services.health.reset();
    void vscode.window.showInformationMessage(`tobs: ${started.state.name} is running (${health.view.text.replace(/^\$\([^)]*\)\s*tobs:\s*/, '')}).`);
    return { containerName: started.state.name, path: started.plan.kind, health: health.view.kind };
  },
  'tobs.build': async (services) => {
    services.output.show();
    await withProgress(services, COMMANDS['tobs.build'].title, buildOnly);
    void vscode.window.showInformationMessage('tobs: the image is built.');
    return true;
  },
  'tobs.run': async (services) => {
    const started = await withProgress(services, COMMANDS['tobs.run'].title, runOnly);
    const health = await services.health.reset();
    return { containerName: started.state.name, path: started.plan.kind, health: health.view.kind };
  },
  'tobs.stop': async (services) => {
    const result = await withProgress(services, COMMANDS['tobs.stop'].title, stop);
    await services.health.reset();
    void vscode.window.showInformationMessage(result.stopped ? `tobs: stopped ${result.containerName}.` : `tobs: there is no container named ${result.containerName}.`);
    return result;
  },
  'tobs.showLogs': async (services) => showLogs(services),
  'tobs.detectRenderGid': async (services) => {
    const ctx = commandContext(services, services.output);
    const gid = await detectRenderGid(ctx);
    if (gid === undefined) {
      void vscode.window.showWarningMessage('tobs: this host has no "render" group, so there is no render GID to pass. GPU access through /dev/dri may need another group (see `ls -l /dev/dri`).', OPEN_OUTPUT).then((c) => c && services.output.show());
      return undefined;
    }
    const write = 'Write RENDER_GID to .env';
    const choice = await vscode.window.showInformationMessage(`tobs: the render group's GID on this host is ${gid}.`, write);
    if (choice === write) {
      const file = await writeEnvVariable(ctx.workspaceFolder, 'RENDER_GID', String(gid)).catch((e: Error) => {
        throw new TobsError('env-file', `Could not write RENDER_GID to .env: ${e.message}`);
      });
      services.output.append(`Wrote RENDER_GID=${gid} to ${file}`);
      void vscode.window.showInformationMessage(`tobs: RENDER_GID=${gid} is in .env; compose reads it from there.`);
    }
    return gid;
  },
  'tobs.healthMenu': async (services) => healthMenu(services),
  'tobs.fixAllInWorkspace': async (services) => {
    await services.languageClientReady();
    return vscode.commands.executeCommand(SERVER_FIX_ALL_COMMAND);
  },
  'tobs.showRuleDocs': async (services, ruleId) => showRuleDocs(services.extensionUri, ruleId),
};

async function showLogs(services: Services): Promise<string> {
  const ctx = commandContext(services, services.output);
  const engine = await connectEngine(ctx);
  const name = await resolveContainerName(ctx, engine);
  const [shellPath, ...shellArgs] = logsArgv(engine.name, name, true);
  const terminal = vscode.window.createTerminal({ name: `tobs logs: ${name}`, shellPath, shellArgs, cwd: ctx.workspaceFolder });
  terminal.show();
  return terminal.name;
}

interface HealthAction extends vscode.QuickPickItem {
  id: 'logs' | 'restart' | 'stop' | 'rebuild' | 'healthcheck';
}

const HEALTH_ACTIONS: HealthAction[] = [
  { id: 'logs', label: '$(output) Show logs', description: 'follow the container log in a terminal' },
  { id: 'restart', label: '$(debug-restart) Restart container' },
  { id: 'stop', label: '$(debug-stop) Stop container' },
  { id: 'rebuild', label: '$(tools) Rebuild and run', description: 'Build & Run tobs' },
  { id: 'healthcheck', label: '$(heart) Run health check now' },
];

async function healthMenu(services: Services): Promise<string | undefined> {
  const tooltip = services.health.last?.view.tooltip.join(' · ');
  const picked = await vscode.window.showQuickPick(HEALTH_ACTIONS, { title: 'tobs container', placeHolder: tooltip });
  if (!picked) return undefined;
  switch (picked.id) {
    case 'logs':
      await vscode.commands.executeCommand('tobs.showLogs');
      break;
    case 'stop':
      await vscode.commands.executeCommand('tobs.stop');
      break;
    case 'rebuild':
      await vscode.commands.executeCommand('tobs.buildAndRun');
      break;
    case 'restart':
    case 'healthcheck':
      await withProgress(services, picked.id === 'restart' ? 'Restart container' : 'Run health check', async (ctx) => {
        const engine = await connectEngine(ctx);
        const name = await resolveContainerName(ctx, engine);
        if (picked.id === 'healthcheck') return engine.runHealthcheck(name, ctx.signal);
        const result = await engine.exec(restartArgv(engine.name, name), { signal: ctx.signal });
        if (!succeeded(result)) throw new TobsError('start-failed', `Restarting ${name} failed: ${result.stderr.trim().split('\n').pop() ?? ''}`);
        return engine.expectRunning(name, ctx.signal);
      });
      await services.health.refresh();
      break;
  }
  return picked.id;
}

/** Shows a failure once, logged with its detail, with a button to the output. Never rethrows. */
export function reportFailure(services: Services, error: unknown): void {
  const failure = isTobsError(error) ? error : new TobsError('start-failed', error instanceof Error ? error.message : String(error));
  if (failure.kind === 'cancelled') {
    services.output.append('Cancelled.');
    void vscode.window.showInformationMessage('tobs: cancelled.');
    return;
  }
  logError(services.output, failure.message);
  if (failure.detail) services.output.append(failure.detail);
  void vscode.window.showErrorMessage(`tobs: ${failure.message}`, OPEN_OUTPUT).then((choice) => choice && services.output.show());
}

export const RESTRICTED_MODE_MESSAGE = (title: string) =>
  `tobs: "${title}" runs programs (the container engine, getent or your run script), which Restricted Mode does not allow. Trust this folder to use it; linting works without trust.`;

export function registerCommands(services: Services): vscode.Disposable[] {
  return (Object.keys(COMMANDS) as CommandId[]).map((id) =>
    vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      if (COMMANDS[id].executes && !vscode.workspace.isTrusted) {
        const manage = 'Manage Workspace Trust';
        void vscode.window.showWarningMessage(RESTRICTED_MODE_MESSAGE(COMMANDS[id].title), manage).then((c) => c && vscode.commands.executeCommand('workbench.trust.manage'));
        return undefined;
      }
      try {
        return await HANDLERS[id](services, ...args);
      } catch (error) {
        reportFailure(services, error);
        return undefined;
      }
    }),
  );
}
