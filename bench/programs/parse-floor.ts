// The floor under the CLI: what any linter built on these parsers has to do (read the files the
// CLI reads and parse each one it lints) with no project model, no rules and no report.

import { classify } from '../../server/src/engine/index';
import { parseAs } from '../../server/src/engine/parse/index';
import { walkWorkspace } from '../../server/src/host/workspace-files';

let parsed = 0;
for (const root of process.argv.slice(2)) {
  for (const file of walkWorkspace(root).files) {
    const language = classify(file.uri, file.text);
    if (!language) continue;
    parseAs(language, file.uri, file.text);
    parsed++;
  }
}
process.stdout.write(`${parsed} files parsed\n`);
