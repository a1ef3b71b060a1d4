// What every command needs, passed in rather than reached for, so the commands run the same in
// VS Code, in a task terminal and in the podman tests.

import * as fs from 'node:fs';
import type { OperationLog } from '../engine/log';
import type { ProcessRunner } from '../engine/process';
import type { ClientSettings } from '../settings';

export interface HostFiles {
  exists(p: string): boolean;
  readText(p: string): string | undefined;
  /** The host's group database file, for when `getent` is missing. */
  readGroupFile(): Promise<string | undefined>;
}

export interface CommandContext {
  runner: ProcessRunner;
  log: OperationLog;
  settings: ClientSettings;
  /** Absolute path of the workspace folder the commands act on. */
  workspaceFolder: string;
  home: string;
  files: HostFiles;
  /** Progress steps for the notification (or a no-op). */
  progress(message: string): void;
  signal?: AbortSignal;
  /** Keeps a run script that stays in the foreground alive after the command returns. */
  background: BackgroundJobs;
  /** The host group whose id goes into --group-add / RENDER_GID. */
  renderGroup?: string;
}

export const nodeHostFiles: HostFiles = {
  exists: (p) => fs.existsSync(p),
  readText: (p) => {
    try {
      return fs.readFileSync(p, 'utf8');
    } catch {
      return undefined;
    }
  },
  readGroupFile: () => fs.promises.readFile('/etc/group', 'utf8').catch(() => undefined),
};

/** Processes started by a command that outlive it (a run script holding its container in the foreground). */
export class BackgroundJobs {
  private readonly jobs = new Map<string, AbortController>();

  start(key: string): AbortController {
    this.cancel(key);
    const controller = new AbortController();
    this.jobs.set(key, controller);
    return controller;
  }

  finished(key: string, controller: AbortController): void {
    if (this.jobs.get(key) === controller) this.jobs.delete(key);
  }

  cancel(key: string): void {
    this.jobs.get(key)?.abort();
    this.jobs.delete(key);
  }

  cancelAll(): void {
    for (const key of [...this.jobs.keys()]) this.cancel(key);
  }
}
