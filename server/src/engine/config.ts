// `.tobs-lint.yaml`: per-rule severities and the options fixes use. Validation names the key
// that is wrong, so the CLI can exit 2 with a message a person can act on.

import { parseDocument } from 'yaml';
import type { Config, HostFacts, Options, RuleSetting } from './types';

export const CONFIG_FILE_NAME = '.tobs-lint.yaml';

/** The newest uv release this version of the engine knows; fixes pin to it unless configured. */
export const NEWEST_KNOWN_UV_VERSION = '0.13.8';

export function defaultOptions(): Options {
  return {
    uvVersion: NEWEST_KNOWN_UV_VERSION,
    minUvVersion: '0.8.0',
    runUser: '1000:1000',
    resources: { limits: { cpus: '4', memory: '8G' }, reservations: { cpus: '1', memory: '2G' } },
    healthcheck: {
      command: ['python', '-c', 'import sys; sys.exit(0)'],
      interval: '30s',
      timeout: '10s',
      startPeriod: '20s',
      retries: 3,
    },
  };
}

export function defaultConfig(host: HostFacts = {}): Config {
  return { rules: {}, options: defaultOptions(), host };
}

export class ConfigError extends Error {
  constructor(readonly key: string, readonly detail: string) {
    super(`${key}: ${detail}`);
  }
}

const RULE_SETTINGS: readonly RuleSetting[] = ['off', 'error', 'warning', 'info'];
const SEMVER = /^\d+\.\d+\.\d+$/;
const DURATION = /^\d+(\.\d+)?(ms|s|m|h)$/;

/**
 * Parses the text of a `.tobs-lint.yaml` over the defaults. `knownRules` guards against typos in
 * rule ids. Throws ConfigError naming the offending key.
 */
export function parseConfig(text: string, knownRules: ReadonlySet<string>, host: HostFacts = {}): Config {
  const doc = parseDocument(text);
  if (doc.errors.length) throw new ConfigError('(file)', `not valid YAML: ${doc.errors[0].message.split('\n')[0]}`);
  const root: unknown = doc.toJS();
  const config = defaultConfig(host);
  if (root === null || root === undefined) return config;
  if (!isPlainObject(root)) throw new ConfigError('(file)', 'must be a mapping with `rules` and/or `options`');
  for (const key of Object.keys(root)) {
    if (key !== 'rules' && key !== 'options') throw new ConfigError(key, 'unknown key; expected `rules` or `options`');
  }
  if (root.rules !== undefined) config.rules = parseRules(root.rules, 'rules', knownRules);
  if (root.options !== undefined) config.options = parseOptions(root.options);
  return config;
}

export function parseRules(value: unknown, key: string, knownRules: ReadonlySet<string>): Record<string, RuleSetting> {
  if (!isPlainObject(value)) throw new ConfigError(key, 'must be a mapping of rule id to off|error|warning|info');
  const rules: Record<string, RuleSetting> = {};
  for (const [id, setting] of Object.entries(value)) {
    if (!knownRules.has(id)) throw new ConfigError(`${key}.${id}`, 'unknown rule id');
    const s = setting === false ? 'off' : setting;
    if (!RULE_SETTINGS.includes(s as RuleSetting)) throw new ConfigError(`${key}.${id}`, `must be one of ${RULE_SETTINGS.join('|')}`);
    rules[id] = s as RuleSetting;
  }
  return rules;
}

function parseOptions(value: unknown): Options {
  if (!isPlainObject(value)) throw new ConfigError('options', 'must be a mapping');
  const o = defaultOptions();
  for (const [key, v] of Object.entries(value)) {
    const at = `options.${key}`;
    switch (key) {
      case 'uvVersion':
      case 'minUvVersion':
        o[key] = expect(at, String(v), SEMVER, 'a version such as 0.8.0');
        break;
      case 'runUser':
        o.runUser = expect(at, String(v), /^[A-Za-z0-9_][\w.-]*(:[A-Za-z0-9_][\w.-]*)?$/, 'USER[:GROUP], e.g. 1000:1000');
        if (/^(root|0)(:|$)/.test(o.runUser)) throw new ConfigError(at, 'must not be root');
        break;
      case 'image':
        o.image = expect(at, String(v), /^[a-z0-9][a-z0-9._\/:@-]*$/, 'an image reference such as tobs:latest');
        break;
      case 'resources':
        o.resources = parseResources(v, at, o.resources);
        break;
      case 'healthcheck':
        o.healthcheck = parseHealthcheck(v, at, o.healthcheck);
        break;
      default:
        throw new ConfigError(at, 'unknown option');
    }
  }
  return o;
}

function parseResources(v: unknown, at: string, base: Options['resources']): Options['resources'] {
  if (!isPlainObject(v)) throw new ConfigError(at, 'must be a mapping with limits and reservations');
  const out = { limits: { ...base.limits }, reservations: { ...base.reservations } };
  for (const [kind, spec] of Object.entries(v)) {
    if (kind !== 'limits' && kind !== 'reservations') throw new ConfigError(`${at}.${kind}`, 'expected limits or reservations');
    if (!isPlainObject(spec)) throw new ConfigError(`${at}.${kind}`, 'must be a mapping with cpus and memory');
    for (const [field, value] of Object.entries(spec)) {
      if (field === 'cpus') out[kind].cpus = expect(`${at}.${kind}.cpus`, String(value), /^\d+(\.\d+)?$/, 'a number of CPUs such as "4" or "0.5"');
      else if (field === 'memory') out[kind].memory = expect(`${at}.${kind}.memory`, String(value), /^\d+(\.\d+)?[bkmgBKMG]?$/, 'a size such as 8G or 512M');
      else throw new ConfigError(`${at}.${kind}.${field}`, 'expected cpus or memory');
    }
  }
  return out;
}

function parseHealthcheck(v: unknown, at: string, base: Options['healthcheck']): Options['healthcheck'] {
  if (!isPlainObject(v)) throw new ConfigError(at, 'must be a mapping');
  const out = { ...base };
  for (const [field, value] of Object.entries(v)) {
    const key = `${at}.${field}`;
    if (field === 'command') {
      if (!Array.isArray(value) || value.length === 0 || !value.every((x) => typeof x === 'string')) {
        throw new ConfigError(key, 'must be a non-empty list of strings (the exec form argv)');
      }
      out.command = value;
    } else if (field === 'interval' || field === 'timeout' || field === 'startPeriod') {
      out[field] = expect(key, String(value), DURATION, 'a duration such as 30s');
    } else if (field === 'retries') {
      if (!Number.isInteger(value) || (value as number) < 1) throw new ConfigError(key, 'must be a whole number of at least 1');
      out.retries = value as number;
    } else {
      throw new ConfigError(key, 'unknown field; expected command, interval, timeout, startPeriod or retries');
    }
  }
  return out;
}

function expect(key: string, value: string, pattern: RegExp, what: string): string {
  if (!pattern.test(value)) throw new ConfigError(key, `must be ${what}, got ${JSON.stringify(value)}`);
  return value;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

