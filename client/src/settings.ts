// The extension's settings as the client uses them, with the defaults package.json declares
// (a test keeps the two in agreement).

import type { EngineSetting } from './engine/engines';

export const HEALTHCHECK_POLICIES = ['auto', 'always', 'never'] as const;
export type HealthcheckPolicy = (typeof HEALTHCHECK_POLICIES)[number];

export interface ClientSettings {
  containerEngine: EngineSetting;
  imageName: string;
  containerName: string;
  runScript: string;
  volumes: string[];
  devices: string[];
  pollIntervalSeconds: number;
  runHealthcheck: HealthcheckPolicy;
}

/** Setting key (under `tobs.`) → field and default. */
export const SETTING_DEFAULTS = {
  containerEngine: 'auto',
  imageName: 'tobs:latest',
  containerName: 'tobs',
  runScript: 'run-tobs.sh',
  'run.volumes': [],
  'run.devices': ['/dev/dri'],
  'health.pollIntervalSeconds': 5,
  'health.runHealthcheck': 'auto',
} as const;

export type SettingKey = keyof typeof SETTING_DEFAULTS;

/** Settings that decide what gets executed: VS Code ignores workspace values for them in Restricted Mode. */
export const EXECUTION_SETTINGS: readonly SettingKey[] = ['containerEngine', 'imageName', 'containerName', 'runScript', 'run.volumes', 'run.devices'];

export function settingsFrom(get: <T>(key: SettingKey, fallback: T) => T): ClientSettings {
  return {
    containerEngine: get<EngineSetting>('containerEngine', SETTING_DEFAULTS.containerEngine),
    imageName: get<string>('imageName', SETTING_DEFAULTS.imageName),
    containerName: get<string>('containerName', SETTING_DEFAULTS.containerName),
    runScript: get<string>('runScript', SETTING_DEFAULTS.runScript),
    volumes: [...get<readonly string[]>('run.volumes', SETTING_DEFAULTS['run.volumes'])],
    devices: [...get<readonly string[]>('run.devices', SETTING_DEFAULTS['run.devices'])],
    pollIntervalSeconds: Math.max(1, get<number>('health.pollIntervalSeconds', SETTING_DEFAULTS['health.pollIntervalSeconds'])),
    runHealthcheck: get<HealthcheckPolicy>('health.runHealthcheck', SETTING_DEFAULTS['health.runHealthcheck']),
  };
}

export const DEFAULT_SETTINGS: ClientSettings = settingsFrom((_key, fallback) => fallback);
