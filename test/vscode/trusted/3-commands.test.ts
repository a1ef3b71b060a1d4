// Every command the manifest contributes is registered, and the client's promised ones are there.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { PROMISED_COMMANDS, tobsExtension } from '../workspace';

describe('commands (trusted)', () => {
  it('registers every contributed command, and the manifest contributes the promised ones', async () => {
    const contributed: string[] = (tobsExtension().packageJSON.contributes?.commands ?? []).map((c: { command: string }) => c.command);
    for (const id of PROMISED_COMMANDS) assert.ok(contributed.includes(id), `package.json contributes ${id}`);
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(contributed.filter((id) => !registered.has(id)), [], 'contributed but not registered');
  });
});
