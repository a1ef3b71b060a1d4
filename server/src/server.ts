// The language server's entry point: `node dist/server.js --stdio` (or --node-ipc, --socket=N,
// --pipe=NAME, as vscode-languageserver reads them from the command line).

import { setFlagsFromString } from 'node:v8';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './lsp/server';

// The server lives as long as the editor, idle most of the time, next to the editor's own
// processes: V8 is asked to favour memory over speed (less heap headroom, earlier collections).
// It reads this flag as it goes, so it works however the server is started. Indexing the
// 1,170-file corpus leaves 91-110 MB resident instead of 140-195 MB (80 MB once idle), a
// 10,000-file workspace 197 MB instead of 863 MB; the price is more collecting while indexing
// (corpus 1.9 -> 2.3 s, 10,000 files 7.0 -> 13.0 s), and up to half a millisecond more at p95 per
// edit of the tobs example (7.8-8.2 -> 8.6-8.8 ms for its compose file).
setFlagsFromString('--optimize-for-size');

startServer(createConnection(ProposedFeatures.all));
