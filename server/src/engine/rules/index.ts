// The registry: every rule, by language. Each language folder exports its rules in docs order.
import type { Rule } from '../rule';
import type { Language } from '../types';
import { composeRules } from './compose/index';
import { crossRules } from './cross/index';
import { dockerfileRules } from './dockerfile/index';
import { scriptRules } from './script/index';

export const allRules: readonly Rule[] = [...dockerfileRules, ...composeRules, ...scriptRules, ...crossRules] as Rule[];

export const rulesById: ReadonlyMap<string, Rule> = new Map(allRules.map((r) => [r.meta.id, r]));

export function rulesFor(language: Language): Rule[] {
  return allRules.filter((r) => r.meta.language === language);
}
