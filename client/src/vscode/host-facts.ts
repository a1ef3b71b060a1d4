// Answers the language server's `tobs/hostFacts` request. Detecting runs programs (podman,
// podman-compose, getent), so an untrusted workspace answers `{}`; granting trust or choosing
// another engine drops the remembered answer and tells the server to ask again.

import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { nodeHostFiles } from '../commands/context';
import { detectHostFacts, HostFactsCache } from '../engine/host-facts';
import type { ProcessRunner } from '../engine/process';
import { readSettings, SECTION } from './settings';
import { currentFolder } from './workspace';

export const HOST_FACTS_REQUEST = 'tobs/hostFacts';
export const HOST_FACTS_CHANGED_NOTIFICATION = 'tobs/hostFactsChanged';

export function serveHostFacts(client: LanguageClient, runner: ProcessRunner): vscode.Disposable {
  const cache = new HostFactsCache(() => detectHostFacts(readSettings(currentFolder()?.uri).containerEngine, runner, nodeHostFiles.readGroupFile));
  const changed = () => {
    cache.reset();
    if (client.isRunning()) void client.sendNotification(HOST_FACTS_CHANGED_NOTIFICATION).catch(() => undefined);
  };
  return vscode.Disposable.from(
    client.onRequest(HOST_FACTS_REQUEST, () => (vscode.workspace.isTrusted ? cache.get() : {})),
    vscode.workspace.onDidGrantWorkspaceTrust(changed),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`${SECTION}.containerEngine`)) changed();
    }),
  );
}
