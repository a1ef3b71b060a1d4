// The host facts the language server's rules ask for (`tobs/hostFacts`), found with the same
// probes Build & Run uses: the engine (per tobs.containerEngine), its compose provider and that
// provider's version, and the render group's GID. Detecting runs programs, so it happens once and
// is kept until something that changes the answer happens.

import type { HostFacts } from '../../../server/src/engine/types';
import { detectComposeProvider } from './compose';
import { detectEngine, type EngineSetting } from './engines';
import { detectGroupGid, RENDER_GROUP } from './gid';
import type { ProcessRunner } from './process';

export async function detectHostFacts(setting: EngineSetting, runner: ProcessRunner, readGroupFile: () => Promise<string | undefined>): Promise<HostFacts> {
  const facts: HostFacts = {};
  const detection = await detectEngine(setting, runner);
  if (detection.ok) {
    facts.engine = detection.engine.name;
    const provider = await detectComposeProvider(detection.engine.name, runner);
    if (provider) {
      // `podman compose` may run podman-compose underneath: then podman-compose's limits apply.
      facts.composeProvider = provider.isPodmanCompose ? 'podman-compose' : provider.name;
      if (provider.version !== 'unknown') facts.composeProviderVersion = provider.version;
    }
  }
  const { gid } = await detectGroupGid(RENDER_GROUP, runner, readGroupFile);
  if (gid !== undefined) facts.renderGid = gid;
  return facts;
}

/** Detects on the first `get`, then answers from memory until `reset`; a failed detection answers `{}`. */
export class HostFactsCache {
  private detected: Promise<HostFacts> | undefined;

  constructor(private readonly detect: () => Promise<HostFacts>) {}

  get(): Promise<HostFacts> {
    return (this.detected ??= this.detect().catch(() => ({})));
  }

  reset(): void {
    this.detected = undefined;
  }
}
