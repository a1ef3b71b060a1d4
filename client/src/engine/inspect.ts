// Reads `<engine> container inspect` output into what the health indicator and the commands need.
// podman reports health under `.State.Health` (newer) or `.State.Healthcheck` (older); docker
// under `.State.Health`.

export type HealthStatus = 'starting' | 'healthy' | 'unhealthy';

export interface HealthProbe {
  exitCode: number;
  output: string;
  end?: string;
}

export interface ContainerState {
  name: string;
  image: string;
  /** `created`, `running`, `paused`, `restarting`, `exited`, `dead`, … as the engine says it. */
  status: string;
  running: boolean;
  exitCode: number;
  startedAt?: Date;
  /** Whether the image or run declared a HEALTHCHECK. */
  hasHealthcheck: boolean;
  health?: { status: HealthStatus; failingStreak: number; last?: HealthProbe };
  /** Numeric supplementary groups the container was started with. */
  groupAdd: string[];
  /** Engine error text such as "OCI runtime error" when the start failed. */
  error?: string;
}

const NO_SUCH_CONTAINER = /no such (container|object)|no container with name or id/i;

export function isNoSuchContainer(stderr: string): boolean {
  return NO_SUCH_CONTAINER.test(stderr);
}

/** Parses the JSON array `inspect` prints; throws with a short reason when it is not that. */
export function parseInspect(json: string): ContainerState {
  const parsed: unknown = JSON.parse(json);
  const first = Array.isArray(parsed) ? parsed[0] : parsed;
  if (!isObject(first)) throw new Error('inspect printed no container');
  const state = obj(first.State);
  const config = obj(first.Config);
  const health = obj(state.Health ?? state.Healthcheck);
  const healthStatus = str(health.Status).toLowerCase();
  const log = Array.isArray(health.Log) ? health.Log.filter(isObject) : [];
  const lastEntry = log[log.length - 1];
  const healthcheck = obj(config.Healthcheck);
  const test = Array.isArray(healthcheck.Test) ? healthcheck.Test : [];
  const started = str(state.StartedAt);
  const startedAt = started && !started.startsWith('0001-') ? new Date(started) : undefined;
  const status = str(state.Status).toLowerCase();
  return {
    name: str(first.Name).replace(/^\//, ''),
    image: str(first.ImageName) || str(config.Image),
    status,
    running: state.Running === true || status === 'running',
    exitCode: typeof state.ExitCode === 'number' ? state.ExitCode : 0,
    startedAt: startedAt && !Number.isNaN(startedAt.getTime()) ? startedAt : undefined,
    hasHealthcheck: test.length > 0 && test[0] !== 'NONE',
    health: isHealthStatus(healthStatus)
      ? {
          status: healthStatus,
          failingStreak: typeof health.FailingStreak === 'number' ? health.FailingStreak : 0,
          last: lastEntry ? { exitCode: Number(lastEntry.ExitCode ?? 0), output: str(lastEntry.Output).trim(), end: str(lastEntry.End) || undefined } : undefined,
        }
      : undefined,
    groupAdd: Array.isArray(obj(first.HostConfig).GroupAdd) ? (obj(first.HostConfig).GroupAdd as unknown[]).map(String) : [],
    error: str(state.Error) || undefined,
  };
}

function isHealthStatus(s: string): s is HealthStatus {
  return s === 'starting' || s === 'healthy' || s === 'unhealthy';
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function obj(v: unknown): Record<string, unknown> {
  return isObject(v) ? v : {};
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}
