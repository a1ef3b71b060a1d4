// The health indicator's pure core: what one poll observed → what the status bar says, when to
// poll next, whether to run the HEALTHCHECK ourselves, and which changes deserve a notification.

import type { EngineName } from '../engine/engines';
import type { ContainerState } from '../engine/inspect';
import type { HealthcheckPolicy } from '../settings';

export type Observation =
  | { kind: 'engine-unavailable'; message: string }
  | { kind: 'no-container'; name: string }
  | { kind: 'container'; state: ContainerState };

export type HealthKind = 'healthy' | 'starting' | 'unhealthy' | 'running' | 'stopped' | 'no-container' | 'engine-unavailable';

export function healthKind(observation: Observation): HealthKind {
  if (observation.kind !== 'container') return observation.kind;
  const { state } = observation;
  if (!state.running) return 'stopped';
  if (!state.hasHealthcheck) return 'running';
  return state.health?.status ?? 'starting';
}

const LABELS: Record<HealthKind, { icon: string; label: string }> = {
  healthy: { icon: '$(pass)', label: 'healthy' },
  starting: { icon: '$(sync~spin)', label: 'starting' },
  unhealthy: { icon: '$(error)', label: 'unhealthy' },
  running: { icon: '$(play)', label: 'running' },
  stopped: { icon: '$(circle-slash)', label: 'stopped' },
  'no-container': { icon: '$(question)', label: 'no container' },
  'engine-unavailable': { icon: '$(warning)', label: 'engine unavailable' },
};

export interface HealthView {
  kind: HealthKind;
  text: string;
  /** Tooltip lines. */
  tooltip: string[];
}

export function healthView(observation: Observation, now: Date): HealthView {
  const kind = healthKind(observation);
  const { icon, label } = LABELS[kind];
  return { kind, text: `${icon} tobs: ${label}`, tooltip: tooltipLines(observation, now) };
}

function tooltipLines(observation: Observation, now: Date): string[] {
  switch (observation.kind) {
    case 'engine-unavailable':
      return [observation.message];
    case 'no-container':
      return [`No container named ${observation.name}.`, 'Run "tobs: Build & Run tobs" to start one.'];
    case 'container': {
      const { state } = observation;
      const lines = [`Container: ${state.name}`, `Image: ${state.image || 'unknown'}`, `Status: ${state.status}`];
      if (state.running && state.startedAt) lines.push(`Up: ${formatDuration(now.getTime() - state.startedAt.getTime())}`);
      if (!state.running) lines.push(`Exit code: ${state.exitCode}`);
      if (!state.hasHealthcheck) lines.push('Health: the image declares no HEALTHCHECK');
      else if (state.health?.last) lines.push(`Last health check: exit ${state.health.last.exitCode}${state.health.last.output ? ` — ${lastOutputLine(state.health.last.output)}` : ''}`);
      else lines.push('Last health check: none yet');
      return lines;
    }
  }
}

function lastOutputLine(output: string): string {
  const lines = output.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  return lines[lines.length - 1] ?? '';
}

export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d) return `${d}d ${h}h`;
  if (h) return `${h}h ${m}m`;
  if (m) return `${m}m ${s % 60}s`;
  return `${s}s`;
}

/** How much slower to poll while the window is not focused. */
export const UNFOCUSED_FACTOR = 6;
export const MAX_POLL_SECONDS = 60;

/** Milliseconds until the next poll, or undefined to stop polling (nothing to watch). */
export function nextPollDelay(kind: HealthKind, intervalSeconds: number, focused: boolean): number | undefined {
  if (kind === 'no-container' || kind === 'engine-unavailable') return undefined;
  const seconds = focused ? intervalSeconds : Math.min(MAX_POLL_SECONDS, Math.max(intervalSeconds, intervalSeconds * UNFOCUSED_FACTOR));
  return seconds * 1000;
}

/**
 * Whether a poll should run `podman healthcheck run`: podman schedules health checks with systemd
 * timers, so without systemd the status stays `starting` forever unless someone runs them.
 */
export function shouldRunHealthcheck(policy: HealthcheckPolicy, engine: EngineName, systemdRunning: boolean, state: ContainerState): boolean {
  if (policy === 'never' || engine !== 'podman' || !state.running || !state.hasHealthcheck) return false;
  return policy === 'always' || !systemdRunning;
}

export interface Notice {
  severity: 'warning' | 'error' | 'info';
  message: string;
}

/** A notification for changes a user should hear about even with the status bar out of sight. */
export function noticeFor(previous: HealthKind | undefined, observation: Observation): Notice | undefined {
  const kind = healthKind(observation);
  if (previous === undefined || previous === kind || observation.kind !== 'container') return undefined;
  const { state } = observation;
  if (kind === 'unhealthy') {
    const output = state.health?.last?.output ? `: ${lastOutputLine(state.health.last.output)}` : '';
    return { severity: 'error', message: `Container ${state.name} is unhealthy (its health check failed ${state.health?.failingStreak ?? 1} time(s))${output}.` };
  }
  if (kind === 'stopped' && previous !== 'no-container') {
    return { severity: state.exitCode === 0 ? 'info' : 'warning', message: `Container ${state.name} stopped (exit code ${state.exitCode}).` };
  }
  if (kind === 'healthy' && previous === 'unhealthy') return { severity: 'info', message: `Container ${state.name} is healthy again.` };
  return undefined;
}
