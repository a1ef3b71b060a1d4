// Restricted Mode: the folder is not trusted. Linting still works (it runs no program), and every
// command that would run a program refuses with the promised message instead.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { assertProblemsWithoutOpening, tobsExtension, waitInHost } from '../workspace';

/** The commands that run programs (the engine, getent, the run script). */
const EXECUTING_COMMANDS = ['tobs.buildAndRun', 'tobs.build', 'tobs.run', 'tobs.stop', 'tobs.detectRenderGid', 'tobs.showLogs', 'tobs.healthMenu'];

type MessageKind = 'showInformationMessage' | 'showWarningMessage' | 'showErrorMessage';

/**
 * Records the messages the extension shows, and still shows them. The test files lie inside the
 * extension under development, so VS Code hands them the same `vscode` API object as the extension.
 */
function recordMessages(): { shown: string[]; stop(): void } {
  const window = vscode.window as unknown as Record<MessageKind, (message: string, ...rest: unknown[]) => unknown>;
  const kinds: MessageKind[] = ['showInformationMessage', 'showWarningMessage', 'showErrorMessage'];
  const originals = kinds.map((kind) => window[kind]);
  const shown: string[] = [];
  kinds.forEach((kind, i) => {
    window[kind] = (message, ...rest) => {
      shown.push(message);
      return originals[i].call(vscode.window, message, ...rest);
    };
  });
  return { shown, stop: () => kinds.forEach((kind, i) => (window[kind] = originals[i])) };
}

describe('opening a copy of examples/tobs (untrusted)', () => {
  it('runs in an untrusted workspace', () => {
    assert.equal(vscode.workspace.isTrusted, false);
  });

  it('activates the extension and lints all the same', async () => {
    await waitInHost('the tobs extension to activate', () => tobsExtension().isActive);
    // Detecting host facts runs programs, so in Restricted Mode the server lints without them.
    await assertProblemsWithoutOpening({});
  });

  for (const id of EXECUTING_COMMANDS) {
    it(`${id} refuses with the Restricted Mode message`, async () => {
      const title: string = tobsExtension().packageJSON.contributes.commands.find((c: { command: string }) => c.command === id).title;
      const messages = recordMessages();
      try {
        const result = await vscode.commands.executeCommand(id);
        assert.equal(result, undefined, 'the command did nothing');
        const expected = new RegExp(`^tobs: "${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}" runs programs .*Restricted Mode does not allow\\. Trust this folder to use it`);
        await waitInHost(`the Restricted Mode message for "${title}"`, () => messages.shown.some((m) => expected.test(m)));
        assert.equal(messages.shown.length, 1, `one message, nothing else: ${messages.shown.join(' | ')}`);
      } finally {
        messages.stop();
      }
    });
  }
});
