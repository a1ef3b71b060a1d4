// Detects the host facts the rules use by asking the programs that know them: the container
// engine, the compose provider and its version, and the render group's GID. Programs run from
// argv arrays (never through a shell), each with a time limit; one that is missing or fails just
// leaves its fact out.

import type * as ChildProcess from 'node:child_process';
import type { HostFacts } from '../engine/types';
import type { ComposeProvider } from './host-facts';

export interface ProbeResult {
  ok: boolean;
  /** stdout and stderr together: version banners go to either. */
  output: string;
}

export type Probe = (argv: readonly string[]) => ProbeResult;

const PROBE_TIMEOUT_MS = 15_000;

export const spawnProbe: Probe = (argv) => {
  // Required when a probe runs: child_process pulls in net, dgram and more, 3 ms that every lint
  // run paid at start-up while only --detect-host spawns.
  const { spawnSync } = require('node:child_process') as typeof ChildProcess;
  const r = spawnSync(argv[0], argv.slice(1), { encoding: 'utf8', timeout: PROBE_TIMEOUT_MS, stdio: ['ignore', 'pipe', 'pipe'] });
  return { ok: !r.error && r.status === 0, output: `${r.stdout ?? ''}\n${r.stderr ?? ''}` };
};

/** How each engine's compose providers answer with their version, in the order they are tried. */
const PROVIDER_PROBES: Record<NonNullable<HostFacts['engine']>, { name: ComposeProvider; argv: string[] }[]> = {
  podman: [
    { name: 'podman-compose', argv: ['podman-compose', '--version'] },
    { name: 'podman compose', argv: ['podman', 'compose', 'version'] },
  ],
  docker: [
    { name: 'docker compose', argv: ['docker', 'compose', 'version'] },
    { name: 'docker-compose', argv: ['docker-compose', '--version'] },
  ],
};

/** `podman-composer version  1.0.3` (1.0.3 misspells itself), `Docker Compose version v2.29.1`, … */
const COMPOSE_VERSION = /(podman-compose|compose)\S*\s+version:?\s*v?(\d+\.\d+(?:\.\d+)?)/i;

export function detectHostFacts(probe: Probe = spawnProbe): HostFacts {
  const facts: HostFacts = {};
  const engine = (['podman', 'docker'] as const).find((name) => probe([name, '--version']).ok);
  if (engine) {
    facts.engine = engine;
    Object.assign(facts, composeProviderOf(engine, probe));
  }
  const renderGid = groupGid('render', probe);
  if (renderGid !== undefined) facts.renderGid = renderGid;
  return facts;
}

function composeProviderOf(engine: NonNullable<HostFacts['engine']>, probe: Probe): HostFacts {
  for (const { name, argv } of PROVIDER_PROBES[engine]) {
    const result = probe(argv);
    if (!result.ok) continue;
    const m = COMPOSE_VERSION.exec(result.output);
    // `podman compose` runs an external provider; when that is podman-compose, its limits apply.
    const provider: ComposeProvider = m?.[1].toLowerCase() === 'podman-compose' ? 'podman-compose' : name;
    return m ? { composeProvider: provider, composeProviderVersion: m[2] } : { composeProvider: provider };
  }
  return {};
}

/** The GID in `getent group <name>` (`render:x:109:`). */
function groupGid(name: string, probe: Probe): number | undefined {
  const result = probe(['getent', 'group', name]);
  const gid = result.ok ? result.output.split('\n')[0].split(':')[2] : undefined;
  return gid !== undefined && /^\d+$/.test(gid) ? Number(gid) : undefined;
}
