// Scaling: workspaces of 100, 1,000 and 10,000 corpus copies; the CLI's wall time over each and
// the server's indexing time on each. The growth exponent between the two largest says whether
// the cost grows linearly (1) or better (below 1).

import * as path from 'node:path';
import { corpusFiles, syntheticWorkspace } from './inputs';
import { measureIndexing } from './footprint';
import { SHIPPED_DIR } from './paths';
import { runMeasured } from './process';
import { ourServer } from './servers';
import { growthExponent, interleaved, spreads, type Spread } from './stats';

export interface ScalingPoint {
  files: number;
  cliMs: Spread;
  cliPeakRssMb: Spread;
  indexingMs: Spread;
  serverRssMb: Spread;
}

export interface Scaling {
  points: ScalingPoint[];
  cliExponent: number;
  indexingExponent: number;
}

export async function measureScaling(sizes: readonly number[], repetitions: number, progress: (line: string) => void): Promise<Scaling> {
  const corpus = corpusFiles();
  const largest = Math.max(...sizes);
  const points: ScalingPoint[] = [];
  for (const files of sizes) {
    const folder = syntheticWorkspace(corpus, files);
    const [cli, server] = await interleaved(['cli', 'server'] as const, repetitions, async (what) => {
      if (what === 'cli') {
        const run = await runMeasured(`scaling-${files}`, [process.execPath, path.join(SHIPPED_DIR, 'cli.js'), '--format', 'json', folder]);
        progress(`scaling ${files}: CLI ${Math.round(run.wallMs)} ms`);
        return { ms: run.wallMs, rssMb: run.peakRssBytes / 2 ** 20 };
      }
      const run = await measureIndexing(ourServer(largest * 2), folder);
      progress(`scaling ${files}: server indexing ${Math.round(run.indexingMs)} ms, ${run.filesPublished} files published`);
      return { ms: run.indexingMs, rssMb: run.rssMb };
    });
    const c = spreads(cli);
    const s = spreads(server);
    points.push({ files, cliMs: c.ms, cliPeakRssMb: c.rssMb, indexingMs: s.ms, serverRssMb: s.rssMb });
  }
  return {
    points,
    cliExponent: growthExponent(points.map((p) => ({ files: p.files, value: p.cliMs.median }))),
    indexingExponent: growthExponent(points.map((p) => ({ files: p.files, value: p.indexingMs.median }))),
  };
}
