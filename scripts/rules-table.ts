// Writes the README's rule table from the registry, so the table can never drift from the code.
// `npx tsx scripts/rules-table.ts` rewrites README.md; the registry test fails when it is stale.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { allRules } from '../server/src/engine/rules/index';

const START = '<!-- rules-table:start -->';
const END = '<!-- rules-table:end -->';

export function rulesTable(): string {
  const rows = [...allRules]
    .sort((a, b) => a.meta.id.localeCompare(b.meta.id))
    .map((r) => `| [\`${r.meta.id}\`](docs/rules/${r.meta.id}.md) | ${r.meta.severity} | ${r.meta.description.replace(/\|/g, '\\|')} |`);
  return ['| rule | severity | checks that |', '|---|---|---|', ...rows].join('\n');
}

export function withRulesTable(readme: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error('README.md lacks the rules-table markers');
  return `${readme.slice(0, start + START.length)}\n${rulesTable()}\n${readme.slice(end)}`;
}

if (require.main === module) {
  const readme = path.join(__dirname, '..', 'README.md');
  fs.writeFileSync(readme, withRulesTable(fs.readFileSync(readme, 'utf8')));
}
