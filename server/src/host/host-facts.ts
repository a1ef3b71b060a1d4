// The host facts the rules read, as they arrive from outside the engine (a CLI flag, the editor's
// answer to `tobs/hostFacts`): each value is checked, and anything unknown is dropped.

import type { HostFacts } from '../engine/types';

export type ComposeProvider = NonNullable<HostFacts['composeProvider']>;

export const COMPOSE_PROVIDERS: readonly ComposeProvider[] = ['podman-compose', 'docker-compose', 'podman compose', 'docker compose'];

/** A release version such as `1.0.3` (a leading `v` and a missing patch number are accepted). */
const VERSION = /^v?\d+\.\d+(\.\d+)?$/;

export function isComposeProvider(value: unknown): value is ComposeProvider {
  return COMPOSE_PROVIDERS.includes(value as ComposeProvider);
}

export function isVersion(value: unknown): value is string {
  return typeof value === 'string' && VERSION.test(value);
}

export function isGid(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 0;
}

/** The valid facts of an untrusted value; `{}` for anything that is not an object. */
export function readHostFacts(raw: unknown): HostFacts {
  if (typeof raw !== 'object' || raw === null) return {};
  const r = raw as Record<string, unknown>;
  const facts: HostFacts = {};
  if (r.engine === 'podman' || r.engine === 'docker') facts.engine = r.engine;
  if (isGid(r.renderGid)) facts.renderGid = r.renderGid;
  if (isComposeProvider(r.composeProvider)) facts.composeProvider = r.composeProvider;
  if (isVersion(r.composeProviderVersion)) facts.composeProviderVersion = r.composeProviderVersion;
  return facts;
}
