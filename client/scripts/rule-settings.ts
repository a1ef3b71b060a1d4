// `tobs.rules` in package.json lists every rule of the registry as an enum property, so settings
// editors complete rule ids and flag typos. Generated from `allRules`; see sync-rule-settings.ts.

import type { RuleMeta } from '../../server/src/engine/index';

export const RULE_SETTING_VALUES = ['off', 'error', 'warning', 'info'];

export interface RuleSettingProperty {
  type: 'string';
  enum: string[];
  markdownDescription: string;
}

export function ruleSettingProperties(rules: readonly { meta: RuleMeta }[]): Record<string, RuleSettingProperty> {
  const properties: Record<string, RuleSettingProperty> = {};
  for (const { meta } of [...rules].sort((a, b) => a.meta.id.localeCompare(b.meta.id))) {
    properties[meta.id] = {
      type: 'string',
      enum: RULE_SETTING_VALUES,
      markdownDescription: `${meta.description} (default: \`${meta.severity}\`)`,
    };
  }
  return properties;
}

interface Manifest {
  contributes: { configuration: { properties: Record<string, { properties?: Record<string, RuleSettingProperty> }> } };
}

/** The manifest's `tobs.rules` properties, for the test that compares them with the registry. */
export function manifestRuleProperties(manifest: Manifest): Record<string, RuleSettingProperty> {
  return manifest.contributes.configuration.properties['tobs.rules'].properties ?? {};
}

/** package.json text with `tobs.rules` regenerated; everything else is kept as npm formats it. */
export function withRuleProperties(packageJsonText: string, rules: readonly { meta: RuleMeta }[]): string {
  const manifest = JSON.parse(packageJsonText) as Manifest;
  manifest.contributes.configuration.properties['tobs.rules'].properties = ruleSettingProperties(rules);
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
