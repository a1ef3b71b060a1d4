// Scaling: workspaces of 100, 1,000 and 10,000 corpus copies; the CLI's wall time over each and
// the server's indexing time on each. The growth exponent between the two largest says whether
// the cost grows linearly (1) or better (below 1).

import * as path from 'node:path';
import { corpusFiles, syntheticWorkspace } from './inputs';
import { measureIndexing, type IndexingRun } from './footprint';
import { SHIPPED_DIR } from './paths';
import { runMeasured, type ProcessRun } from './process';
import { ourServer } from './servers';
import { growthExponent, spreads, type Spread } from './stats';

export interface ScalingPoint {
  files: number;
  cliMs: Spread;
  cliCpuMs: Spread;
  cliPeakRssMb: Spread;
  indexingMs: Spread;
  indexingCpuMs: Spread;
  serverRssMb: Spread;
}

export interface Scaling {
  points: ScalingPoint[];
  cliExponent: number;
  indexingExponent: number;
  /** The same from CPU time, which other work on the machine disturbs less. */
  cliCpuExponent: number;
  indexingCpuExponent: number;
}

export async function measureScaling(sizes: readonly number[], repetitions: number, progress: (line: string) => void): Promise<Scaling> {
  const corpus = corpusFiles();
  const largest = Math.max(...sizes);
  const points: ScalingPoint[] = [];
  for (const files of sizes) {
    const folder = syntheticWorkspace(corpus, files);
    // Alternately, so that a busy moment of the machine falls on both alike.
    const cli: ProcessRun[] = [];
    const server: IndexingRun[] = [];
    for (let r = 0; r < repetitions; r++) {
      const run = await runMeasured(`scaling-${files}`, [process.execPath, path.join(SHIPPED_DIR, 'cli.js'), '--format', 'json', folder]);
      progress(`scaling ${files}: CLI ${Math.round(run.wallMs)} ms`);
      cli.push(run);
      const indexing = await measureIndexing(ourServer(largest * 2), folder);
      progress(`scaling ${files}: server indexing ${Math.round(indexing.indexingMs)} ms, ${indexing.filesPublished} files published`);
      server.push(indexing);
    }
    const c = spreads(cli.map((r) => ({ wallMs: r.wallMs, cpuMs: r.cpuMs, rssMb: r.peakRssBytes / 2 ** 20 })));
    const s = spreads(server.map((r) => ({ indexingMs: r.indexingMs, cpuMs: r.cpuMs, rssMb: r.rssMb })));
    points.push({ files, cliMs: c.wallMs, cliCpuMs: c.cpuMs, cliPeakRssMb: c.rssMb, indexingMs: s.indexingMs, indexingCpuMs: s.cpuMs, serverRssMb: s.rssMb });
  }
  const exponent = (figure: (p: ScalingPoint) => Spread) => growthExponent(points.map((p) => ({ files: p.files, value: figure(p).median })));
  return {
    points,
    cliExponent: exponent((p) => p.cliMs),
    indexingExponent: exponent((p) => p.indexingMs),
    cliCpuExponent: exponent((p) => p.cliCpuMs),
    indexingCpuExponent: exponent((p) => p.indexingCpuMs),
  };
}
