// The language server's entry point: `node dist/server.js --stdio` (or --node-ipc, --socket=N,
// --pipe=NAME, as vscode-languageserver reads them from the command line).

import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './lsp/server';

startServer(createConnection(ProposedFeatures.all));
