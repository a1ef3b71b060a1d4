// Runs a command the way CI would, output to a file, and measures it as a whole process: wall time
// from spawn to exit, and as GNU time reports them, CPU time (which other work on the machine
// disturbs less than wall time) and peak resident memory (the largest of the process and the
// children it waited for).

import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { OUT_DIR } from './paths';

export interface ProcessRun {
  wallMs: number;
  /** User + system CPU time. */
  cpuMs: number;
  peakRssBytes: number;
}

export const GNU_TIME = '/usr/bin/time';
const RUNS_DIR = path.join(OUT_DIR, 'runs');

/** Runs `argv` to completion; `label` names the files its output goes to. */
export async function runMeasured(label: string, argv: readonly string[]): Promise<ProcessRun> {
  fs.mkdirSync(RUNS_DIR, { recursive: true });
  const base = path.join(RUNS_DIR, label.replace(/[^\w.-]+/g, '_'));
  const timeFile = `${base}.time`;
  const stdout = fs.openSync(`${base}.out`, 'w');
  const stderr = fs.openSync(`${base}.err`, 'w');
  const startedAt = performance.now();
  const child = spawn(GNU_TIME, ['-f', '%M %U %S', '-o', timeFile, ...argv], { stdio: ['ignore', stdout, stderr] });
  // Linters exit non-zero when they find something: the code says nothing about the run.
  await new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', () => resolve());
  });
  const wallMs = performance.now() - startedAt;
  fs.closeSync(stdout);
  fs.closeSync(stderr);
  // The last line: GNU time puts "Command exited with non-zero status" before it.
  const [peakKb, userS, systemS] = (fs.readFileSync(timeFile, 'utf8').trim().split('\n').pop() ?? '').split(' ').map(Number);
  if (![peakKb, userS, systemS].every(Number.isFinite)) throw new Error(`${label}: ${argv[0]} did not run: ${fs.readFileSync(`${base}.err`, 'utf8').slice(0, 500)}`);
  return { wallMs, cpuMs: (userS + systemS) * 1000, peakRssBytes: peakKb * 1024 };
}

/** One process per file, one after another: wall time summed, the peak the largest. */
export async function runPerFile(label: string, files: readonly string[], argvFor: (file: string) => string[]): Promise<ProcessRun> {
  const total: ProcessRun = { wallMs: 0, cpuMs: 0, peakRssBytes: 0 };
  for (const file of files) {
    const run = await runMeasured(label, argvFor(file));
    total.wallMs += run.wallMs;
    total.cpuMs += run.cpuMs;
    total.peakRssBytes = Math.max(total.peakRssBytes, run.peakRssBytes);
  }
  return total;
}
