// Every rule is where its id says, documented, and listed in the README.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { allRules, docsUrl } from '../../server/src/engine/index';
import { withRulesTable } from '../../scripts/rules-table';
import { REPO_ROOT } from '../support/paths';

const LANGUAGE_OF_PREFIX: Record<string, string[]> = { dockerfile: ['dockerfile'], compose: ['compose'], script: ['shell'], cross: ['dockerfile', 'compose', 'shell'] };

describe('the rule registry', () => {
  it('has unique ids', () => {
    const ids = allRules.map((r) => r.meta.id);
    assert.equal(new Set(ids).size, ids.length);
  });

  for (const rule of allRules) {
    const { id, language, severity, description, messages } = rule.meta;
    describe(id, () => {
      it('lives in the file its id names and runs on its language', () => {
        assert.ok(fs.existsSync(path.join(REPO_ROOT, 'server/src/engine/rules', `${id}.ts`)), `rules/${id}.ts`);
        const [prefix] = id.split('/');
        assert.ok(LANGUAGE_OF_PREFIX[prefix]?.includes(language), `${id} runs on ${language}`);
      });

      it('has a docs page with why, before, after and how to suppress', () => {
        const page = path.join(REPO_ROOT, 'docs/rules', `${id}.md`);
        assert.ok(fs.existsSync(page), `docs/rules/${id}.md`);
        const text = fs.readFileSync(page, 'utf8');
        assert.match(text, new RegExp(`^# ${id.replace('/', '\\/')}$`, 'm'));
        for (const section of [/why/i, /before/i, /after/i, /suppress/i]) assert.match(text, section, `${id}: ${section}`);
        assert.ok(docsUrl(id).endsWith(`docs/rules/${id}.md`));
      });

      it('has a severity, a description and messages', () => {
        assert.ok(['error', 'warning', 'info'].includes(severity));
        assert.ok(description.length > 10);
        assert.ok(Object.keys(messages).length > 0);
      });
    });
  }

  it('the README lists every rule (npx tsx scripts/rules-table.ts refreshes it)', () => {
    const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
    assert.equal(readme, withRulesTable(readme));
  });
});
