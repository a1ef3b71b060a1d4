// A real VS Code for the end-to-end suites: code-server (VS Code 1.100 in the browser, with a Node
// extension host on this machine), installed outside the repository by scripts/setup-code-server.sh.
// Each start gets its own user data, extensions, XDG dirs and a free port on 127.0.0.1, and is
// undone by the Cleanup it was given.

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Cleanup } from './cleanup';
import { startProcessGroup } from './process-group';
import { requireTool } from './require-tool';
import { sleep } from './wait';

export const CODE_SERVER_DIR =
  process.env.TOBS_CODE_SERVER_DIR ?? path.join(process.env.TOBS_CACHE_DIR ?? path.join(os.homedir(), '.cache/tobs-devkit'), 'code-server');
const CODE_SERVER_BIN = path.join(CODE_SERVER_DIR, 'node_modules/.bin/code-server');

const HOW_TO_INSTALL = 'apt-get install chromium ripgrep build-essential python3 libkrb5-dev && scripts/setup-code-server.sh';

/** Whether code-server and Chromium are here (the skip-or-fail policy of requireTool). */
export function requireCodeServer(): boolean {
  return requireTool(CODE_SERVER_BIN, HOW_TO_INSTALL) && requireTool(CHROMIUM_PATH, HOW_TO_INSTALL);
}

export const CHROMIUM_PATH = process.env.TOBS_CHROMIUM ?? '/usr/bin/chromium';

export interface CodeServerOptions {
  /** The folder the workbench opens. */
  folder: string;
  /** false: workspace trust is on and the folder is not trusted (restricted mode, no prompt). */
  trusted: boolean;
  /** A .vsix to install first, as a user would. */
  vsix?: string;
  /** Extra environment for the server and so for the extension host (e.g. podman's config). */
  env?: NodeJS.ProcessEnv;
}

export interface CodeServer {
  /** The workbench URL for the folder; `payload` entries go to the workbench as its `payload` parameter. */
  workbenchUrl(payload?: [string, string][]): string;
  /** A path on this machine as the workbench names it. */
  remoteUri(absolutePath: string): string;
  /** The server's log so far. */
  log(): string;
}

const STARTUP_TIMEOUT_MS = 60_000;

/** A throw-away copy of `source` (the example, a fixture) for the workbench to open and change. */
export function workspaceCopy(source: string, cleanup: Cleanup): string {
  const folder = path.join(cleanup.tempDir('workspace'), path.basename(source));
  fs.cpSync(source, folder, { recursive: true });
  return folder;
}

export async function startCodeServer(options: CodeServerOptions, cleanup: Cleanup): Promise<CodeServer> {
  const home = cleanup.tempDir('code-server');
  const dirs = {
    userData: path.join(home, 'user-data'),
    extensions: path.join(home, 'extensions'),
    xdgData: path.join(home, 'xdg-data'),
    xdgConfig: path.join(home, 'xdg-config'),
    tmp: path.join(home, 'tmp'),
  };
  for (const dir of Object.values(dirs)) fs.mkdirSync(dir, { recursive: true });
  writeUserSettings(dirs.userData);
  // An empty config file is rejected; without one code-server writes a password into $HOME.
  const configFile = path.join(home, 'config.yaml');
  fs.writeFileSync(configFile, 'auth: none\n');

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...options.env,
    XDG_DATA_HOME: dirs.xdgData,
    XDG_CONFIG_HOME: dirs.xdgConfig,
    TMPDIR: dirs.tmp,
    // No extension gallery is reachable; an empty one keeps code-server from trying.
    EXTENSIONS_GALLERY: '{}',
  };
  const common = ['--config', configFile, '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions];

  if (options.vsix) {
    const install = spawnSync(CODE_SERVER_BIN, [...common, '--install-extension', options.vsix], { env, encoding: 'utf8', timeout: 120_000 });
    if (install.status !== 0 || !/successfully installed/.test(install.stdout)) {
      throw new Error(`code-server --install-extension ${options.vsix} failed (${install.status}):\n${install.stdout}${install.stderr}`);
    }
  }

  const argv: [string, ...string[]] = [
    CODE_SERVER_BIN,
    ...common,
    '--auth', 'none',
    // Port 0: the system picks a free port; the server logs which.
    '--bind-addr', '127.0.0.1:0',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    ...(options.trusted ? ['--disable-workspace-trust'] : []),
    options.folder,
  ];
  const server = startProcessGroup('code-server', argv, { env, cwd: home }, cleanup);
  const port = await waitForPort(server.output, server.exited);
  const origin = `http://127.0.0.1:${port}`;
  await waitForHealth(origin, server.output);

  return {
    workbenchUrl(payload) {
      const query = new URLSearchParams({ folder: options.folder });
      if (payload) query.set('payload', JSON.stringify(payload));
      return `${origin}/?${query}`;
    },
    remoteUri: (absolutePath) => `vscode-remote://127.0.0.1:${port}${absolutePath}`,
    log: server.output,
  };
}

/** Quiet, offline user settings for a VS Code (code-server or Electron) started on `userDataDir`. */
export function writeUserSettings(userDataDir: string): void {
  const settings = {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'telemetry.telemetryLevel': 'off',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'update.mode': 'none',
    // Untrusted runs: no modal prompt over the workbench, the folder simply opens in restricted mode.
    'security.workspace.trust.startupPrompt': 'never',
  };
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userDataDir, 'User/settings.json'), JSON.stringify(settings, null, 2));
}

async function waitForPort(output: () => string, exited: Promise<number | string>): Promise<number> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  let status: number | string | undefined;
  void exited.then((s) => (status = s));
  while (Date.now() < deadline) {
    const match = /HTTP server listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(output());
    if (match) return Number(match[1]);
    if (status !== undefined) throw new Error(`code-server exited (${status}) before listening:\n${output()}`);
    await sleep(100);
  }
  throw new Error(`code-server did not listen within ${STARTUP_TIMEOUT_MS / 1000} s:\n${output()}`);
}

async function waitForHealth(origin: string, output: () => string): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const answer = await fetch(`${origin}/healthz`).catch(() => undefined);
    if (answer?.status === 200) return;
    await sleep(200);
  }
  throw new Error(`code-server at ${origin} did not answer /healthz:\n${output()}`);
}
