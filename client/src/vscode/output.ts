// The "tobs" output channel: steps, commands and engine output, highlighted by the tobs-log
// grammar in syntaxes/.

import * as vscode from 'vscode';
import { LOG_LANGUAGE_ID } from '../commands/ids';
import type { OperationLog } from '../engine/log';

export const OUTPUT_CHANNEL_NAME = 'tobs';

export class OutputLog implements OperationLog, vscode.Disposable {
  readonly channel = vscode.window.createOutputChannel(OUTPUT_CHANNEL_NAME, LOG_LANGUAGE_ID);

  append(line: string): void {
    this.channel.appendLine(line);
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}
