// Restricted mode: the folder is not trusted, so nothing may run.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

describe('opening a copy of examples/tobs (untrusted)', () => {
  it('runs in an untrusted workspace', () => {
    assert.equal(vscode.workspace.isTrusted, false);
  });
});
