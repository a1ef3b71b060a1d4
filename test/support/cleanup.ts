// Everything an end-to-end suite starts (processes, temp dirs, containers) is registered here the
// moment it exists, so an `after` hook can undo it all, in reverse order, also when a step failed.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

type Step = () => void | Promise<void>;

export class Cleanup {
  private readonly steps: { what: string; step: Step }[] = [];

  add(what: string, step: Step): void {
    this.steps.push({ what, step });
  }

  /** A fresh directory under the system temp dir, removed at clean-up. */
  tempDir(prefix: string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `tobs-${prefix}-`));
    this.add(`remove ${dir}`, () => fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 }));
    return dir;
  }

  /** Runs every step, newest first; a failing step does not stop the others but is reported. */
  async run(): Promise<void> {
    const failures: string[] = [];
    for (const { what, step } of this.steps.splice(0).reverse()) {
      try {
        await step();
      } catch (err) {
        failures.push(`${what}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    if (failures.length) throw new Error(`clean-up failed:\n  ${failures.join('\n  ')}`);
  }
}
