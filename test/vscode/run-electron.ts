// `npm run test:vscode`: the integration suite under @vscode/test-electron, for machines that can
// download VS Code. The same files run inside code-server in `npm test` (test/e2e/integration.test.ts).

import { runTests } from '@vscode/test-electron';
import { Cleanup } from '../support/cleanup';
import { workspaceCopy, writeUserSettings } from '../support/code-server';
import { EXAMPLE_DIR, REPO_ROOT } from '../support/paths';
import { buildIntegrationSuite } from './build';
import { SUITES } from './index';

async function main(): Promise<number> {
  const cleanup = new Cleanup();
  const failed: string[] = [];
  try {
    const testsIndex = await buildIntegrationSuite(cleanup);
    for (const suite of SUITES) {
      const folder = workspaceCopy(EXAMPLE_DIR, cleanup);
      const userData = cleanup.tempDir('vscode-user-data');
      writeUserSettings(userData);
      const launchArgs = [folder, '--disable-extensions', '--user-data-dir', userData, ...(suite === 'trusted' ? ['--disable-workspace-trust'] : [])];
      await runTests({ extensionDevelopmentPath: REPO_ROOT, extensionTestsPath: testsIndex, extensionTestsEnv: { TOBS_VSCODE_SUITE: suite }, launchArgs }).catch(
        (err: unknown) => {
          console.error(`${suite} workspace: ${err instanceof Error ? err.message : String(err)}`);
          failed.push(suite);
        },
      );
    }
  } finally {
    await cleanup.run();
  }
  console.log(failed.length ? `integration suite failed in: ${failed.join(', ')}` : 'integration suite passed (trusted and untrusted)');
  return failed.length ? 1 : 0;
}

main().then((code) => process.exit(code), (err) => {
  console.error(err);
  process.exit(1);
});
