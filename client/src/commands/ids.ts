// Every command the extension contributes. package.json's `contributes.commands` must list exactly
// these (a test checks), and `executes` marks the ones Restricted Mode disables.

export interface CommandInfo {
  title: string;
  /** Runs programs (the engine, getent, a script): not allowed in an untrusted workspace. */
  executes: boolean;
}

export const COMMANDS = {
  'tobs.buildAndRun': { title: 'Build & Run tobs', executes: true },
  'tobs.build': { title: 'Build image', executes: true },
  'tobs.run': { title: 'Run container', executes: true },
  'tobs.stop': { title: 'Stop container', executes: true },
  'tobs.showLogs': { title: 'Show logs', executes: true },
  'tobs.detectRenderGid': { title: 'Detect render GID', executes: true },
  'tobs.healthMenu': { title: 'Container health actions', executes: true },
  'tobs.fixAllInWorkspace': { title: 'Fix all problems in workspace', executes: false },
  'tobs.showRuleDocs': { title: 'Show rule documentation', executes: false },
} as const satisfies Record<string, CommandInfo>;

export type CommandId = keyof typeof COMMANDS;

/** The language server's command behind "Fix all problems in workspace". */
export const SERVER_FIX_ALL_COMMAND = 'tobs.server.fixAllInWorkspace';

/** The language of the "tobs" output channel, highlighted by syntaxes/tobs-log.tmLanguage.json. */
export const LOG_LANGUAGE_ID = 'tobs-log';

export const TASK_TYPE = 'tobs';
