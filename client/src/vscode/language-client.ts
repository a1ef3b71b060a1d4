// Starts the tobs language server (dist/server.js, IPC) for Dockerfiles, compose files and shell
// scripts. The server registers its own file watchers (pyproject.toml, uv.lock, .tobs-lint.yaml, …)
// and pulls the `tobs` settings, so the client adds neither; it answers the server's questions
// about the host (`tobs/hostFacts`).

import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import type { ProcessRunner } from '../engine/process';
import { serveHostFacts } from './host-facts';

/** Also the prefix of the `tobs.trace.server` setting the client reads. */
export const LANGUAGE_CLIENT_ID = 'tobs';

export const COMPOSE_FILE_GLOB = '**/{compose,compose.*,docker-compose*}.{yml,yaml}';

export const DOCUMENT_SELECTOR = ['file', 'untitled'].flatMap((scheme) => [
  { scheme, language: 'dockerfile' },
  { scheme, language: 'dockercompose' },
  { scheme, language: 'yaml', pattern: COMPOSE_FILE_GLOB },
  { scheme, language: 'shellscript' },
]);

export function createLanguageClient(context: vscode.ExtensionContext, runner: ProcessRunner): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    outputChannelName: 'tobs Language Server',
  };
  const client = new LanguageClient(LANGUAGE_CLIENT_ID, 'tobs Language Server', serverOptions, clientOptions);
  context.subscriptions.push(serveHostFacts(client, runner));
  return client;
}
