// Start-up and footprint: spawn to the first diagnostics of an opened file, the server's memory
// once it has indexed a workspace, and the size of what ships.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { EXAMPLE_DIR } from '../test/support/paths';
import { LspSession, type ServerSpec } from './lsp-session';
import { SHIPPED_DIR, VSIX } from './paths';

export interface StartupRun {
  /** Spawn to the first publishDiagnostics of the file opened right after initialize, ms. */
  firstDiagnosticsMs: number;
  /** Resident memory then, MB. */
  rssMb: number;
}

export interface IndexingRun {
  /** initialized to the end of the first burst of publishes, ms. */
  indexingMs: number;
  /** CPU time of the server process by then, start-up included, ms. */
  cpuMs: number;
  rssMb: number;
  peakRssMb: number;
  filesPublished: number;
}

const MB = 2 ** 20;
/** A burst of publishes is over when none has come for this long. */
const BURST_QUIET_MS = 500;

/** Starts `server` on the tobs example and opens its Dockerfile at once. */
export async function measureStartup(server: ServerSpec): Promise<StartupRun> {
  const session = await LspSession.start(server, EXAMPLE_DIR);
  try {
    const doc = session.open(path.join(EXAMPLE_DIR, 'Dockerfile'), 'dockerfile');
    const at = await session.diagnosticsAfter(doc.uri, session.spawnedAt);
    return { firstDiagnosticsMs: at - session.spawnedAt, rssMb: session.memory().rss / MB };
  } finally {
    await session.stop();
  }
}

/** Starts `server` on `folder` and waits until it has published what it found there. */
export async function measureIndexing(server: ServerSpec, folder: string): Promise<IndexingRun> {
  const session = await LspSession.start(server, folder);
  try {
    const end = await session.firstBurstEnd(BURST_QUIET_MS);
    const memory = session.memory();
    return { indexingMs: end - session.initializedAt, cpuMs: session.cpuMs(), rssMb: memory.rss / MB, peakRssMb: memory.peak / MB, filesPublished: session.publishedFiles() };
  } finally {
    await session.stop();
  }
}

export interface Sizes {
  /** Bytes of each bundle in dist/, as `npm run package` builds them. */
  bundles: Record<string, number>;
  vsix: number;
}

export function shippedSizes(): Sizes {
  const bundles = Object.fromEntries(
    fs
      .readdirSync(SHIPPED_DIR)
      .filter((f) => f.endsWith('.js'))
      .map((f) => [f, fs.statSync(path.join(SHIPPED_DIR, f)).size]),
  );
  return { bundles, vsix: fs.statSync(VSIX).size };
}
