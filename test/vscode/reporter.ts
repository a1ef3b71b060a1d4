// Inside the extension host only the console reaches the outside (code-server forwards it to the
// page as codeAutomationLog; VS Code's Electron build prints it). Besides mocha's spec output, each
// finished test is printed as one marked JSON line that test/e2e/integration.test.ts turns back into
// a test of the outer `npm test` run.

import Mocha from 'mocha';

const MARK = 'tobs-inner-result ';

export interface InnerResult {
  title: string;
  passed: boolean;
  error?: string;
}

export class InnerReporter extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    const report = (result: InnerResult) => console.log(MARK + JSON.stringify(result));
    runner.on(Mocha.Runner.constants.EVENT_TEST_PASS, (test) => report({ title: test.fullTitle(), passed: true }));
    runner.on(Mocha.Runner.constants.EVENT_TEST_FAIL, (test, err) => report({ title: test.fullTitle(), passed: false, error: err.stack ?? err.message }));
  }
}

/** The result a console line carries, if it is one of the marked lines. */
export function parseInnerResult(line: string): InnerResult | undefined {
  const at = line.indexOf(MARK);
  return at < 0 ? undefined : (JSON.parse(line.slice(at + MARK.length)) as InnerResult);
}
