// Reads the client's settings from the `tobs` configuration section.

import * as vscode from 'vscode';
import { settingsFrom, type ClientSettings } from '../settings';

export const SECTION = 'tobs';

export function readSettings(scope?: vscode.Uri): ClientSettings {
  const config = vscode.workspace.getConfiguration(SECTION, scope);
  return settingsFrom((key, fallback) => config.get(key, fallback));
}
