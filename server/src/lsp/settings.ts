// The `tobs.*` settings the server reads, and how they meet `.tobs-lint.yaml`: the file is the
// team's truth, a user setting may only turn a rule down (off < info < warning < error).

import { rulesById, type Config, type RuleSetting } from '../engine/index';

export const DEFAULT_MAX_FILES = 5000;

export interface UserSettings {
  rules: Record<string, RuleSetting>;
  /** Bound on the files read when indexing the workspace. */
  maxFiles: number;
}

export const DEFAULT_SETTINGS: UserSettings = { rules: {}, maxFiles: DEFAULT_MAX_FILES };

const RANK: Record<RuleSetting, number> = { off: 0, info: 1, warning: 2, error: 3 };

/** Reads the `tobs` settings section; invalid entries are reported through `warn` and ignored. */
export function readUserSettings(raw: unknown, warn: (message: string) => void): UserSettings {
  const section = isRecord(raw) ? raw : {};
  const rules: Record<string, RuleSetting> = {};
  if (isRecord(section.rules)) {
    for (const [id, setting] of Object.entries(section.rules)) {
      if (!rulesById.has(id)) warn(`tobs.rules: unknown rule id ${JSON.stringify(id)}, ignored`);
      else if (typeof setting !== 'string' || !(setting in RANK)) warn(`tobs.rules.${id}: must be one of off|info|warning|error, ignored`);
      else rules[id] = setting as RuleSetting;
    }
  }
  const maxFiles = Number.isInteger(section.maxFiles) && (section.maxFiles as number) > 0 ? (section.maxFiles as number) : DEFAULT_MAX_FILES;
  return { rules, maxFiles };
}

/** `config` with each rule at the lower of its configured severity and the user's setting. */
export function lowerRules(config: Config, userRules: Readonly<Record<string, RuleSetting>>): Config {
  const rules = { ...config.rules };
  for (const [id, user] of Object.entries(userRules)) {
    const base = config.rules[id] ?? rulesById.get(id)?.meta.severity;
    if (base !== undefined && RANK[user] < RANK[base]) rules[id] = user;
  }
  return { ...config, rules };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
