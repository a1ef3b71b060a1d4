// Polls one container's health: inspect, run the HEALTHCHECK when nothing else does, report a
// view, and schedule the next poll (slower when the window is not focused, none when there is
// no container to watch). No vscode here: the status bar subscribes to `onUpdate`.

import { ContainerEngine } from '../engine/container-engine';
import { detectEngine } from '../engine/engines';
import { silentLog } from '../engine/log';
import type { ProcessRunner } from '../engine/process';
import type { ClientSettings } from '../settings';
import { healthKind, healthView, nextPollDelay, noticeFor, shouldRunHealthcheck, type HealthKind, type HealthView, type Notice, type Observation } from './state';

export interface HealthUpdate {
  observation: Observation;
  view: HealthView;
  notice?: Notice;
}

export interface MonitorDeps {
  runner: ProcessRunner;
  settings(): ClientSettings;
  /** The container the workspace runs (compose may name it differently from the settings). */
  containerName(engine: ContainerEngine): Promise<string>;
  /** Whether systemd runs this host (it schedules podman's health checks). */
  systemdRunning(): boolean;
  onUpdate(update: HealthUpdate): void;
  now?(): Date;
}

export class HealthMonitor {
  private engine?: ContainerEngine;
  /** Resolved once per engine: resolving may ask compose providers for their version. */
  private containerName?: string;
  private timer?: NodeJS.Timeout;
  private inFlight?: Promise<HealthUpdate>;
  private focused = true;
  private lastKind?: HealthKind;
  private disposed = false;
  /** Set by the first poll: focus changes do not start a monitor nobody asked for. */
  private started = false;

  constructor(private readonly deps: MonitorDeps) {}

  get kind(): HealthKind | undefined {
    return this.lastKind;
  }

  /** Polls now (joining a poll already running) and schedules the next one. */
  poll(): Promise<HealthUpdate> {
    this.started = true;
    this.inFlight ??= this.observe()
      .then((observation) => this.publish(observation))
      .finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  /** Polls at once when the window regains focus (the container may have changed meanwhile). */
  setFocused(focused: boolean): void {
    const regained = focused && !this.focused;
    this.focused = focused;
    if (regained && this.started && !this.disposed) void this.poll();
  }

  /** Forget the engine and the container name (settings changed, a command ran) and poll again. */
  reset(): Promise<HealthUpdate> {
    this.forget();
    return this.poll();
  }

  private forget(): void {
    this.engine = undefined;
    this.containerName = undefined;
  }

  dispose(): void {
    this.disposed = true;
    this.clearTimer();
  }

  private async observe(): Promise<Observation> {
    const settings = this.deps.settings();
    if (!this.engine) {
      const detection = await detectEngine(settings.containerEngine, this.deps.runner).catch(() => undefined);
      if (!detection?.ok) return { kind: 'engine-unavailable', message: detection?.problem.message ?? 'Engine detection was cancelled.' };
      this.engine = new ContainerEngine(detection.engine, this.deps.runner, silentLog);
    }
    const engine = this.engine;
    try {
      const name = (this.containerName ??= await this.deps.containerName(engine));
      let state = await engine.inspect(name);
      if (!state) return { kind: 'no-container', name };
      if (shouldRunHealthcheck(settings.runHealthcheck, engine.name, this.deps.systemdRunning(), state)) {
        state = (await engine.runHealthcheck(name)) ?? state;
      }
      return { kind: 'container', state };
    } catch (e) {
      this.forget();
      return { kind: 'engine-unavailable', message: (e as Error).message };
    }
  }

  private publish(observation: Observation): HealthUpdate {
    const update: HealthUpdate = {
      observation,
      view: healthView(observation, this.deps.now?.() ?? new Date()),
      notice: noticeFor(this.lastKind, observation),
    };
    this.lastKind = healthKind(observation);
    if (!this.disposed) {
      this.deps.onUpdate(update);
      this.schedule(nextPollDelay(this.lastKind, this.deps.settings().pollIntervalSeconds, this.focused));
    }
    return update;
  }

  private schedule(delay: number | undefined): void {
    this.clearTimer();
    if (delay === undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.poll();
    }, delay);
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
