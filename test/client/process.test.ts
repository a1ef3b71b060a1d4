import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { LineSplitter, NodeProcessRunner, succeeded } from '../../client/src/engine/process';

describe('client process runner (real processes)', () => {
  const runner = new NodeProcessRunner();

  it('streams lines from both streams and keeps the text', async () => {
    const lines: string[] = [];
    const result = await runner.run({ argv: ['sh', '-c', 'echo one; echo two >&2; printf three'], onLine: (line, stream) => lines.push(`${stream}:${line}`) });
    assert.ok(succeeded(result));
    assert.deepEqual(lines.sort(), ['stderr:two', 'stdout:one', 'stdout:three']);
    assert.equal(result.stdout, 'one\nthree');
  });

  it('passes arguments as single argv elements, spaces and quotes untouched', async () => {
    const tricky = `a b; echo 'injected' "$(id)"`;
    const result = await runner.run({ argv: ['printf', '%s', tricky] });
    assert.equal(result.stdout, tricky);
  });

  it('adds the request environment', async () => {
    const result = await runner.run({ argv: ['sh', '-c', 'printf %s "$TOBS_PROBE"'], env: { TOBS_PROBE: 'x y' } });
    assert.equal(result.stdout, 'x y');
  });

  it('reports a missing program in the result instead of rejecting', async () => {
    const result = await runner.run({ argv: ['tobs-no-such-program-xyz'] });
    assert.equal(result.spawnError?.code, 'ENOENT');
    assert.equal(succeeded(result), false);
  });

  it('kills the whole process tree on cancellation', async () => {
    const controller = new AbortController();
    let grandchild: number | undefined;
    const result = await runner.run({
      argv: ['sh', '-c', 'sleep 300 & echo $!; wait'],
      signal: controller.signal,
      onLine: (line) => {
        grandchild = Number(line);
        controller.abort();
      },
    });
    assert.equal(result.cancelled, true);
    assert.ok(grandchild);
    assert.ok(isGoneOrZombie(grandchild!), `sleep ${grandchild} still runs`);
  });

  it('does not start when already cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    const result = await runner.run({ argv: ['sh', '-c', 'exit 0'], signal: controller.signal });
    assert.equal(result.cancelled, true);
    assert.equal(result.exitCode, null);
  });
});

/** SIGTERM reached it: the process is gone, or dead and waiting for its new parent to reap it. */
function isGoneOrZombie(pid: number): boolean {
  for (let i = 0; i < 200; i++) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (/^\d+ \(.*\) Z/.test(stat)) return true;
    } catch {
      return true;
    }
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
  }
  return false;
}

describe('LineSplitter', () => {
  it('splits on \\n, \\r\\n and \\r, also across chunks, and flushes the rest', () => {
    const s = new LineSplitter();
    assert.deepEqual(s.push('a\r'), ['a']);
    assert.deepEqual(s.push('\nb\nc'), ['b']);
    assert.deepEqual(s.push('d\r\n'), ['cd']);
    assert.deepEqual(s.push('progress 1\rprogress 2\r'), ['progress 1', 'progress 2']);
    assert.deepEqual(s.push('tail'), []);
    assert.equal(s.flush(), 'tail');
    assert.equal(s.flush(), undefined);
  });
});
