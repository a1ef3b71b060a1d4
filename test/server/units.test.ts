// The pure pieces of the LSP glue: minimal edits between two texts, and how user settings meet
// the team's configuration.

import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { defaultConfig } from '../../server/src/engine/index';
import { DEFAULT_MAX_FILES, lowerRules, readUserSettings } from '../../server/src/lsp/settings';
import { minimalEdit } from '../../server/src/lsp/workspace-edit';

describe('minimalEdit', () => {
  const text = fc.string({ unit: fc.constantFrom('a', 'b', '\r', '\n', '\r\n', '😀', 'é') });

  it('turns one text into the other, as an editor applies it', () => {
    fc.assert(
      fc.property(text, text, (before, after) => {
        const edit = minimalEdit('file:///x', before, after);
        assert.equal(TextDocument.applyEdits(TextDocument.create('file:///x', 'plaintext', 1, before), [edit]), after);
      }),
      { numRuns: 500 },
    );
  });

  it('never splits a CRLF or a surrogate pair', () => {
    fc.assert(
      fc.property(text, text, (before, after) => {
        const { range } = minimalEdit('file:///x', before, after);
        const doc = TextDocument.create('file:///x', 'plaintext', 1, before);
        for (const p of [range.start, range.end]) assert.deepEqual(doc.positionAt(doc.offsetAt(p)), p, 'a position the document can represent');
      }),
      { numRuns: 500 },
    );
  });

  it('replaces only what changed', () => {
    assert.deepEqual(minimalEdit('file:///x', 'FROM a\nRUN b\nCMD c\n', 'FROM a\nRUN bb\nCMD c\n'), {
      range: { start: { line: 1, character: 5 }, end: { line: 1, character: 5 } },
      newText: 'b',
    });
  });
});

describe('user settings', () => {
  it('reads rules and maxFiles, ignoring and reporting what is invalid', () => {
    const warnings: string[] = [];
    const settings = readUserSettings({ rules: { 'dockerfile/uv-sync': 'off', 'no/such': 'off', 'dockerfile/healthcheck': 'loud' }, maxFiles: -3 }, (m) => warnings.push(m));
    assert.deepEqual(settings, { rules: { 'dockerfile/uv-sync': 'off' }, maxFiles: DEFAULT_MAX_FILES });
    assert.equal(warnings.length, 2);
    assert.deepEqual(readUserSettings(undefined, () => assert.fail('nothing to warn about')), { rules: {}, maxFiles: DEFAULT_MAX_FILES });
  });

  it('only turn rules down from the configured or default severity', () => {
    const team = { ...defaultConfig(), rules: { 'dockerfile/healthcheck': 'off', 'dockerfile/uv-sync': 'error' } as const };
    const merged = lowerRules(team, { 'dockerfile/healthcheck': 'error', 'dockerfile/uv-sync': 'info', 'dockerfile/python-version-arg': 'warning', 'dockerfile/uv-cache-mount': 'off' });
    assert.deepEqual(merged.rules, { 'dockerfile/healthcheck': 'off', 'dockerfile/uv-sync': 'info', 'dockerfile/uv-cache-mount': 'off' });
    assert.equal(merged.options, team.options);
  });
});
