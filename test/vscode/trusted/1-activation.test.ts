// The first thing a user sees on opening the folder: the extension starts by itself and the
// Problems collection fills with the 16 findings of the seed, before any file is opened.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { hostFactsOfThisMachine } from '../../support/expected-findings';
import { assertProblemsWithoutOpening, tobsExtension, waitInHost } from '../workspace';

describe('opening a copy of examples/tobs (trusted)', () => {
  it('runs in a trusted workspace', () => {
    assert.equal(vscode.workspace.isTrusted, true);
  });

  it('activates the extension by itself', async () => {
    await waitInHost('the tobs extension to activate', () => tobsExtension().isActive);
  });

  it('fills the Problems collection with the 16 seed rules (and what this host adds), without opening a file', async () => {
    await assertProblemsWithoutOpening(await hostFactsOfThisMachine());
  });
});
