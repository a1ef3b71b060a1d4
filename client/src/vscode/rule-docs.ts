// "Show documentation" for a rule: docs/rules/<id>.md shipped in the extension, as a Markdown preview.

import * as vscode from 'vscode';
import { TobsError } from '../engine/errors';

/** `<language>/<name>`: checked so an id can never walk out of docs/rules. */
const RULE_ID = /^[a-z][a-z0-9-]*\/[a-z0-9][a-z0-9-]*$/;

export function ruleDocUri(extensionUri: vscode.Uri, ruleId: string): vscode.Uri {
  if (!RULE_ID.test(ruleId)) throw new TobsError('not-found', `"${ruleId}" is not a rule id (expected language/name, e.g. dockerfile/uv-sync).`);
  const [language, name] = ruleId.split('/');
  return vscode.Uri.joinPath(extensionUri, 'docs', 'rules', language, `${name}.md`);
}

export async function showRuleDocs(extensionUri: vscode.Uri, ruleId: unknown): Promise<string | undefined> {
  const id = typeof ruleId === 'string' ? ruleId : await pickRule(extensionUri);
  if (!id) return undefined;
  const uri = ruleDocUri(extensionUri, id);
  try {
    await vscode.workspace.fs.stat(uri);
  } catch {
    throw new TobsError('not-found', `No documentation page ships for rule ${id}.`);
  }
  await vscode.commands.executeCommand('markdown.showPreview', uri);
  return uri.toString();
}

async function pickRule(extensionUri: vscode.Uri): Promise<string | undefined> {
  const root = vscode.Uri.joinPath(extensionUri, 'docs', 'rules');
  const ids: string[] = [];
  for (const [language, type] of await vscode.workspace.fs.readDirectory(root).then(undefined, () => [] as [string, vscode.FileType][])) {
    if (type !== vscode.FileType.Directory) continue;
    for (const [file] of await vscode.workspace.fs.readDirectory(vscode.Uri.joinPath(root, language))) {
      if (file.endsWith('.md')) ids.push(`${language}/${file.slice(0, -3)}`);
    }
  }
  return vscode.window.showQuickPick(ids.sort(), { title: 'tobs: rule documentation', placeHolder: 'Pick a rule' });
}
