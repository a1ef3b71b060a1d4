// The same steps as VS Code tasks (type `tobs`), so users can bind keys to them or chain them.
// Each task runs in a pseudo-terminal that shows the same log as the output channel.

import * as vscode from 'vscode';
import type { CommandContext } from '../commands/context';
import { TASK_TYPE } from '../commands/ids';
import { TASK_STEPS, type TaskStep } from '../commands/steps';
import { isTobsError } from '../engine/errors';
import { logError, type OperationLog } from '../engine/log';
import { commandContext, type Shared } from './workspace';

interface TobsTaskDefinition extends vscode.TaskDefinition {
  step: TaskStep;
}

export class TobsTaskProvider implements vscode.TaskProvider {
  constructor(
    private readonly shared: Shared,
    private readonly afterRun: () => void,
  ) {}

  provideTasks(): vscode.Task[] {
    if (!vscode.workspace.isTrusted) return [];
    const folders = vscode.workspace.workspaceFolders ?? [];
    return folders.flatMap((folder) => (Object.keys(TASK_STEPS) as TaskStep[]).map((step) => this.task({ type: TASK_TYPE, step }, folder)));
  }

  resolveTask(task: vscode.Task): vscode.Task | undefined {
    const definition = task.definition as TobsTaskDefinition;
    if (!(definition.step in TASK_STEPS)) return undefined;
    const folder = typeof task.scope === 'object' ? task.scope : vscode.workspace.workspaceFolders?.[0];
    return folder ? this.task(definition, folder) : undefined;
  }

  private task(definition: TobsTaskDefinition, folder: vscode.WorkspaceFolder): vscode.Task {
    const step = TASK_STEPS[definition.step];
    const execution = new vscode.CustomExecution(async () => new StepTerminal(this.shared, folder, step.run, this.afterRun));
    const task = new vscode.Task(definition, folder, step.name, TASK_TYPE, execution);
    task.presentationOptions = { reveal: vscode.TaskRevealKind.Always, clear: true };
    return task;
  }
}

/** Runs one step, writing its log to the terminal; closing the terminal cancels the step. */
class StepTerminal implements vscode.Pseudoterminal {
  private readonly writeEmitter = new vscode.EventEmitter<string>();
  private readonly closeEmitter = new vscode.EventEmitter<number>();
  readonly onDidWrite = this.writeEmitter.event;
  readonly onDidClose = this.closeEmitter.event;
  private readonly controller = new AbortController();

  constructor(
    private readonly shared: Shared,
    private readonly folder: vscode.WorkspaceFolder,
    private readonly run: (ctx: CommandContext) => Promise<unknown>,
    private readonly afterRun: () => void,
  ) {}

  open(): void {
    const log: OperationLog = { append: (line) => this.writeEmitter.fire(`${line.replace(/\r?\n/g, '\r\n')}\r\n`) };
    void (async () => {
      try {
        await this.run(commandContext(this.shared, log, { signal: this.controller.signal, folder: this.folder }));
        this.closeEmitter.fire(0);
      } catch (error) {
        logError(log, error instanceof Error ? error.message : String(error));
        if (isTobsError(error) && error.detail) log.append(error.detail);
        this.closeEmitter.fire(1);
      } finally {
        this.afterRun();
      }
    })();
  }

  close(): void {
    this.controller.abort();
  }
}
