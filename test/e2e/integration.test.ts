// The integration suite (test/vscode, written for @vscode/test-electron) run unchanged inside a real
// VS Code: code-server, with the repository as the extension under development and a copy of
// examples/tobs as the workspace, once trusted and once untrusted. Each inner test becomes a test
// of this run, and one more fails when the inner run did not reach its end.

import * as assert from 'node:assert/strict';
import Mocha from 'mocha';
import { Cleanup } from '../support/cleanup';
import { requireCodeServer, startCodeServer, workspaceCopy } from '../support/code-server';
import { EXAMPLE_DIR, REPO_ROOT } from '../support/paths';
import { launchChromium, Workbench } from '../support/workbench';
import { buildIntegrationSuite } from '../vscode/build';
import { SUITES, type SuiteName } from '../vscode/index';
import { parseInnerResult, type InnerResult } from '../vscode/reporter';

const INNER_RUN_TIMEOUT_MS = 5 * 60_000;

interface InnerRun {
  exitCode: number | 'timeout';
  results: InnerResult[];
  console: string[];
}

async function runInCodeServer(suite: SuiteName, testsIndex: string, cleanup: Cleanup): Promise<InnerRun> {
  const folder = workspaceCopy(EXAMPLE_DIR, cleanup);
  const server = await startCodeServer({ folder, trusted: suite === 'trusted', env: { TOBS_VSCODE_SUITE: suite } }, cleanup);
  const browser = await launchChromium(cleanup);
  const run: InnerRun = { exitCode: 'timeout', results: [], console: [] };
  let timer: NodeJS.Timeout | undefined;
  const exited = new Promise<void>((resolve) => {
    const hooks = {
      log(type: string, args: unknown[]) {
        const line = args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ');
        run.console.push(`[${type}] ${line}`);
        const result = parseInnerResult(line);
        if (result) run.results.push(result);
      },
      exit(code: number) {
        run.exitCode = code;
        resolve();
      },
    };
    timer = setTimeout(resolve, INNER_RUN_TIMEOUT_MS);
    const url = server.workbenchUrl([
      ['extensionDevelopmentPath', server.remoteUri(REPO_ROOT)],
      ['extensionTestsPath', server.remoteUri(testsIndex)],
    ]);
    Workbench.open(browser, url, `integration-${suite}`, hooks).catch((err) => {
      run.console.push(`[harness] the workbench did not open: ${err}`);
      resolve();
    });
  });
  await exited;
  clearTimeout(timer);
  if (run.exitCode !== 0) run.console.push(`[code-server log]\n${server.log()}`);
  return run;
}

describe('integration suite inside code-server (test/vscode)', function () {
  this.timeout(INNER_RUN_TIMEOUT_MS + 60_000);
  const build = new Cleanup();
  let testsIndex: string;

  before(async function () {
    if (!requireCodeServer()) this.skip();
    testsIndex = await buildIntegrationSuite(build);
  });

  after(() => build.run());

  for (const suite of SUITES) {
    describe(`${suite} workspace`, function () {
      const cleanup = new Cleanup();
      let run: InnerRun;

      before(async function () {
        run = await runInCodeServer(suite, testsIndex, cleanup);
        // One outer test per inner test, so the summary line counts them.
        for (const result of run.results) {
          this.test!.parent!.addTest(
            new Mocha.Test(`inner: ${result.title}`, () => {
              if (result.passed) return;
              const error = new Error(result.error);
              error.stack = result.error; // the inner stack; the outer one says nothing
              throw error;
            }),
          );
        }
      });

      after(() => cleanup.run());

      // Each inner failure is reported by its own test; this one catches a run that broke off.
      it('runs the inner suite to its end', () => {
        const context = `inner console:\n${run.console.join('\n')}`;
        assert.notEqual(run.exitCode, 'timeout', `the inner run did not finish within ${INNER_RUN_TIMEOUT_MS / 1000} s\n${context}`);
        assert.ok(run.results.length > 0, `no inner test ran\n${context}`);
        const innerFailures = run.results.some((r) => !r.passed);
        assert.equal(run.exitCode, innerFailures ? 1 : 0, `the inner run's exit code\n${context}`);
      });
    });
  }
});
