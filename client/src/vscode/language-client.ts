// Starts the tobs language server (dist/server.js, IPC) for Dockerfiles, compose files and shell
// scripts. The server registers its own file watchers (pyproject.toml, uv.lock, .tobs-lint.yaml, …)
// and pulls the `tobs` settings, so the client adds neither.

import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

/** Also the prefix of the `tobs.trace.server` setting the client reads. */
export const LANGUAGE_CLIENT_ID = 'tobs';

export const COMPOSE_FILE_GLOB = '**/{compose,compose.*,docker-compose*}.{yml,yaml}';

export const DOCUMENT_SELECTOR = ['file', 'untitled'].flatMap((scheme) => [
  { scheme, language: 'dockerfile' },
  { scheme, language: 'dockercompose' },
  { scheme, language: 'yaml', pattern: COMPOSE_FILE_GLOB },
  { scheme, language: 'shellscript' },
]);

export function createLanguageClient(context: vscode.ExtensionContext): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    outputChannelName: 'tobs Language Server',
  };
  return new LanguageClient(LANGUAGE_CLIENT_ID, 'tobs Language Server', serverOptions, clientOptions);
}
