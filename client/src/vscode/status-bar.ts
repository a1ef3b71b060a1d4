// The one health item in the status bar, fed by the HealthMonitor; a click opens the health menu.

import * as vscode from 'vscode';
import type { ContainerEngine } from '../engine/container-engine';
import type { ProcessRunner } from '../engine/process';
import { HealthMonitor, type HealthUpdate } from '../health/monitor';
import type { HealthKind } from '../health/state';
import type { ClientSettings } from '../settings';

const BACKGROUNDS: Partial<Record<HealthKind, string>> = {
  unhealthy: 'statusBarItem.errorBackground',
  'engine-unavailable': 'statusBarItem.warningBackground',
};

export interface StatusBarDeps {
  runner: ProcessRunner;
  settings(): ClientSettings;
  containerName(engine: ContainerEngine): Promise<string>;
  systemdRunning(): boolean;
  showLogs(): void;
}

export class HealthStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('tobs.health', vscode.StatusBarAlignment.Left, 50);
  private readonly monitor: HealthMonitor;
  private readonly disposables: vscode.Disposable[] = [];
  private latest?: HealthUpdate;

  constructor(private readonly deps: StatusBarDeps, healthMenuCommand: string) {
    this.item.name = 'tobs health';
    this.item.command = healthMenuCommand;
    this.monitor = new HealthMonitor({ ...deps, onUpdate: (update) => this.render(update) });
    this.monitor.setFocused(vscode.window.state.focused);
    this.disposables.push(vscode.window.onDidChangeWindowState((state) => this.monitor.setFocused(state.focused)));
  }

  get last(): HealthUpdate | undefined {
    return this.latest;
  }

  /** Shows the item and polls now (after a command changed the container, or trust was granted). */
  refresh(): Promise<HealthUpdate> {
    this.item.show();
    return this.monitor.poll();
  }

  /** The engine or container settings changed. */
  reset(): Promise<HealthUpdate> {
    this.item.show();
    return this.monitor.reset();
  }

  hide(): void {
    this.item.hide();
  }

  private render(update: HealthUpdate): void {
    this.latest = update;
    const { view, notice } = update;
    this.item.text = view.text;
    const tooltip = new vscode.MarkdownString(view.tooltip.map(escapeMarkdown).join('  \n'));
    tooltip.appendMarkdown('\n\n_Click for logs, restart, stop, rebuild or a health check._');
    this.item.tooltip = tooltip;
    const background = BACKGROUNDS[view.kind];
    this.item.backgroundColor = background ? new vscode.ThemeColor(background) : undefined;
    if (!notice) return;
    const show = notice.severity === 'error' ? vscode.window.showErrorMessage : notice.severity === 'warning' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
    void show(`tobs: ${notice.message}`, 'Show logs').then((choice) => {
      if (choice) this.deps.showLogs();
    });
  }

  dispose(): void {
    this.monitor.dispose();
    this.item.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
