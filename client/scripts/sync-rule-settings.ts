// Regenerates the `tobs.rules` properties in package.json from the rule registry:
//   npm run sync-rule-settings
// Run it after adding, renaming or re-describing a rule (the manifest test says when).

import * as fs from 'node:fs';
import * as path from 'node:path';
import { allRules } from '../../server/src/engine/index';
import { withRuleProperties } from './rule-settings';

const manifestPath = path.resolve(__dirname, '../../package.json');
const before = fs.readFileSync(manifestPath, 'utf8');
const after = withRuleProperties(before, allRules);
if (after === before) {
  console.log(`package.json already lists the ${allRules.length} rules.`);
} else {
  fs.writeFileSync(manifestPath, after);
  console.log(`package.json: tobs.rules now lists ${allRules.length} rules.`);
}
