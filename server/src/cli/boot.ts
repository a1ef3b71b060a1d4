// The `tobs-lint` executable: runs the CLI bundle (dist/cli-main.js) through V8's code cache, which
// a short run would otherwise spend compiling (see code-cache.ts), with V8 optimising only what stays
// hot (host/v8-tuning.ts), and exits as soon as the report is written.

import * as path from 'node:path';
import { raiseInterruptBudget } from '../host/v8-tuning';
import { loadWithCodeCache } from './code-cache';
import { exitOnceWritten } from './exit';

raiseInterruptBudget();

(loadWithCodeCache(path.join(__dirname, 'cli-main.js')) as { run(): void }).run();
exitOnceWritten();
