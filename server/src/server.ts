// The language server's entry point: `node dist/server.js --stdio` (or --node-ipc, --socket=N,
// --pipe=NAME, as vscode-languageserver reads them from the command line).

import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { raiseInterruptBudget } from './host/v8-tuning';
import { followHeap } from './lsp/memory-policy';
import { startServer } from './lsp/server';

// V8 optimises only what stays hot (see host/v8-tuning.ts).
raiseInterruptBudget();
// V8 favours memory over speed while the heap is small (see lsp/memory-policy.ts).
followHeap();

startServer(createConnection(ProposedFeatures.all));
