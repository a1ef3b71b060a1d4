// package.json and the code must agree: commands, settings and their defaults, restricted
// settings, rule ids, task steps, languages, grammars and what ships in the .vsix.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { manifestRuleProperties, ruleSettingProperties } from '../../client/scripts/rule-settings';
import { COMMANDS, LOG_LANGUAGE_ID, SERVER_FIX_ALL_COMMAND, TASK_TYPE } from '../../client/src/commands/ids';
import { TASK_STEPS } from '../../client/src/commands/steps';
import { ENGINE_SETTINGS } from '../../client/src/engine/engines';
import { EXECUTION_SETTINGS, HEALTHCHECK_POLICIES, SETTING_DEFAULTS } from '../../client/src/settings';
import { allRules } from '../../server/src/engine/index';
import { SHOW_RULE_DOCS_COMMAND } from '../../server/src/lsp/code-actions';
import { FIX_ALL_IN_WORKSPACE_COMMAND } from '../../server/src/lsp/commands';
import { DEFAULT_MAX_FILES } from '../../server/src/lsp/settings';
import { REPO_ROOT } from '../support/paths';

const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
const contributes = manifest.contributes;
const properties: Record<string, { default?: unknown; enum?: unknown[]; markdownDescription?: string; description?: string }> = contributes.configuration.properties;

describe('client manifest agrees with the code', () => {
  it('contributes exactly the commands the code registers, in category tobs, disabled in Restricted Mode when they run programs', () => {
    const contributed = contributes.commands.map((c: { command: string }) => c.command);
    assert.deepEqual(contributed.sort(), Object.keys(COMMANDS).sort());
    for (const c of contributes.commands) {
      const info = COMMANDS[c.command as keyof typeof COMMANDS];
      assert.equal(c.title, info.title, c.command);
      assert.equal(c.category, 'tobs', c.command);
      assert.equal(c.enablement, info.executes ? 'isWorkspaceTrusted' : undefined, c.command);
    }
  });

  it('uses the command ids the language server uses', () => {
    assert.ok(SHOW_RULE_DOCS_COMMAND in COMMANDS);
    assert.equal(SERVER_FIX_ALL_COMMAND, FIX_ALL_IN_WORKSPACE_COMMAND);
  });

  it('declares every client setting with the default the code uses', () => {
    for (const [key, value] of Object.entries(SETTING_DEFAULTS)) {
      assert.ok(properties[`tobs.${key}`], `tobs.${key} is not in package.json`);
      assert.deepEqual(properties[`tobs.${key}`].default, value, `tobs.${key}`);
    }
    assert.deepEqual(properties['tobs.containerEngine'].enum, [...ENGINE_SETTINGS]);
    assert.deepEqual(properties['tobs.health.runHealthcheck'].enum, [...HEALTHCHECK_POLICIES]);
    assert.equal(properties['tobs.maxFiles'].default, DEFAULT_MAX_FILES);
  });

  it('documents every setting', () => {
    for (const [key, property] of Object.entries(properties)) assert.ok((property.markdownDescription ?? property.description ?? '').length > 20, key);
    for (const [id, rule] of Object.entries(manifestRuleProperties(manifest))) assert.ok(rule.markdownDescription.length > 10, id);
  });

  it('ignores workspace values of the settings that decide what runs, in Restricted Mode', () => {
    const untrusted = manifest.capabilities.untrustedWorkspaces;
    assert.equal(untrusted.supported, 'limited');
    assert.deepEqual(untrusted.restrictedConfigurations, EXECUTION_SETTINGS.map((k) => `tobs.${k}`));
  });

  it('lists every registered rule in tobs.rules (run `npm run sync-rule-settings` when this fails)', () => {
    assert.deepEqual(manifestRuleProperties(manifest), ruleSettingProperties(allRules));
  });

  it('offers the task steps the code runs', () => {
    const [definition] = contributes.taskDefinitions;
    assert.equal(definition.type, TASK_TYPE);
    assert.deepEqual(definition.properties.step.enum, Object.keys(TASK_STEPS));
  });

  it('activates on the three languages and maps Containerfile to dockerfile', () => {
    for (const language of ['dockerfile', 'dockercompose', 'shellscript']) assert.ok(manifest.activationEvents.includes(`onLanguage:${language}`), language);
    const dockerfile = contributes.languages.find((l: { id: string }) => l.id === 'dockerfile');
    assert.ok(dockerfile.filenames.includes('Containerfile'));
    assert.ok(contributes.languages.some((l: { id: string }) => l.id === LOG_LANGUAGE_ID));
  });

  it('ships grammars that exist, parse and carry the declared scope names', () => {
    for (const grammar of contributes.grammars) {
      const file = path.join(REPO_ROOT, grammar.path);
      const parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
      assert.equal(parsed.scopeName, grammar.scopeName, grammar.path);
    }
    assert.ok(contributes.grammars.some((g: { language?: string }) => g.language === LOG_LANGUAGE_ID));
  });

  it('ships the bundles, grammars, docs, icon, README, CHANGELOG and LICENSE, and nothing else', () => {
    const allowed = fs
      .readFileSync(path.join(REPO_ROOT, '.vscodeignore'), 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('!'))
      .map((l) => l.slice(1));
    assert.deepEqual(allowed, ['dist/extension.js', 'dist/server.js', 'syntaxes/*.json', 'docs/**/*.md', manifest.icon, 'README.md', 'CHANGELOG.md', 'LICENSE']);
    assert.ok(fs.readFileSync(path.join(REPO_ROOT, '.vscodeignore'), 'utf8').split('\n').includes('**'), 'an allow-list starts by ignoring everything');
    assert.equal(manifest.main, './dist/extension.js');
    assert.match(fs.readFileSync(path.join(REPO_ROOT, 'esbuild.mjs'), 'utf8'), /outfile: 'dist\/extension\.js'/);
    assert.equal(fs.readFileSync(path.join(REPO_ROOT, manifest.icon)).subarray(1, 4).toString('latin1'), 'PNG');
    for (const file of ['LICENSE', 'CHANGELOG.md']) assert.ok(fs.existsSync(path.join(REPO_ROOT, file)), file);
    assert.match(manifest.scripts.package, /vsce package/);
  });
});
