// The warm-up after start-up: it compiles what edits need by linting a project held in memory,
// so it must read and write no file, publish nothing, and leave the user's findings as they are.

import * as assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { warmUpFinished, warmUpSteps } from '../../server/src/lsp/warm-up';
import { describeDiagnostic, describeFinding, useSession } from './support';
import { TempWorkspace } from './workspace';

const fs = createRequire(__filename)('node:fs') as Record<string, unknown>;

describe('language server: warm-up', () => {
  const session = useSession();

  it('runs every step without touching the file system', () => {
    const touched: string[] = [];
    const originals = new Map<string, unknown>();
    for (const [name, value] of Object.entries(fs)) {
      if (typeof value !== 'function' || !/^(read|write|open|stat|lstat|exists|access|mkdir|rm|unlink|append|copy|rename|createReadStream|createWriteStream)/.test(name)) continue;
      originals.set(name, value);
      fs[name] = (...args: unknown[]) => {
        touched.push(name);
        return (value as (...a: unknown[]) => unknown)(...args);
      };
    }
    try {
      const steps = warmUpSteps();
      assert.ok(steps.length > 10);
      for (const step of steps) step();
    } finally {
      for (const [name, value] of originals) fs[name] = value;
    }
    assert.deepEqual(touched, []);
  });

  it('publishes nothing in an empty workspace', async () => {
    const client = await session.start(new TempWorkspace({}, false));
    await warmUpFinished();
    await client.roundTrip();
    assert.equal(client.mark(), 0);
    assert.deepEqual(client.messages.filter((m) => /warming up/.test(m)), []);
  });

  it('publishes only the workspace files, with the findings of a full linter', async () => {
    const ws = new TempWorkspace();
    const client = await session.start(ws);
    await warmUpFinished();
    await client.roundTrip();
    for (const name of ['Dockerfile', 'docker-compose.yml', 'run-tobs.sh']) {
      const got = await client.diagnostics(ws.uriOf(name));
      assert.deepEqual(got.map(describeDiagnostic), ws.lint(name).map(describeFinding));
    }
    assert.deepEqual(client.publishes.map((p) => p.uri).filter((uri) => !uri.startsWith(ws.uri)), []);
    assert.deepEqual(client.messages.filter((m) => /warming up|tobs-warm-up/.test(m)), []);
  });
});
