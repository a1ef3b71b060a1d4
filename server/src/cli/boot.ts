// The `tobs-lint` executable: runs the CLI bundle (dist/cli-main.js) through V8's code cache, which
// a short run would otherwise spend compiling (see code-cache.ts), with V8 tuned for a short run
// (v8-tuning.ts), and exits as soon as the report is written.

import * as path from 'node:path';
import { loadWithCodeCache } from './code-cache';
import { exitOnceWritten } from './exit';
import { tuneV8ForShortRun } from './v8-tuning';

tuneV8ForShortRun();

(loadWithCodeCache(path.join(__dirname, 'cli-main.js')) as { run(): void }).run();
exitOnceWritten();
