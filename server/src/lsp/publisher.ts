// Publishing diagnostics. A change marks its file dirty; once the messages already received are
// handled (no clock: a burst of edits coalesces, one edit waits for nothing), the file, the files
// that depend on it now and those that depended on it before the change are linted against the
// current snapshot and published with the document version they were computed for. Linting is
// synchronous, so a result can never belong to a version older than the one it is sent with.

import type { PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { Snapshot, uriKey, type Config, type Finding, type Linter } from '../engine/index';
import type { Project } from '../engine/project';
import { configDiagnostic, toDiagnostic } from './diagnostics';
import type { WorkspaceFiles } from './files';
import type { FolderConfigs } from './folder-configs';
import type { OnceLog } from './log';
import { followHeap } from './memory-policy';

/** Files linted between two looks at the heap. */
const LINTED_AT_ONCE = 200;

export class DiagnosticsPublisher {
  private readonly dirty = new Set<string>();
  private everything = false;
  private started = false;
  private pending: NodeJS.Immediate | undefined;
  /** A change came in since the pending flush last looked. */
  private changedSinceLook = false;
  /** Files whose last publish was not empty, by key, with the URI they were published under. */
  private readonly shown = new Map<string, string>();
  private readonly shownConfigProblems = new Set<string>();
  /** The project model of the last publish, per configuration: who depended on what before. */
  private readonly previous = new WeakMap<Config, Project>();

  constructor(
    private readonly linter: Linter,
    private readonly files: WorkspaceFiles,
    private readonly configs: FolderConfigs,
    private readonly send: (params: PublishDiagnosticsParams) => void,
    private readonly log: OnceLog,
  ) {}

  changed(uri: string): void {
    this.dirty.add(uri);
    this.schedule();
  }

  changedAll(): void {
    this.everything = true;
    this.schedule();
  }

  /** Nothing is published before the workspace is indexed; then everything at once. */
  start(): void {
    this.started = true;
    this.everything = true;
    this.flush();
  }

  /** Whether changes are waiting to be published. */
  get busy(): boolean {
    return this.pending !== undefined;
  }

  dispose(): void {
    clearImmediate(this.pending);
    this.pending = undefined;
  }

  flush(): void {
    this.dispose();
    if (!this.started) return;
    try {
      this.publish(this.files.snapshot());
    } catch (e) {
      this.log.once(`publishing diagnostics failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`, 'error');
    }
  }

  /** One diagnostic on each broken `.tobs-lint.yaml`; cleared once it is fixed. */
  publishConfigProblems(): void {
    for (const { uri, problem } of this.configs.configFiles()) {
      const key = uriKey(uri);
      if (!problem && !this.shownConfigProblems.has(key)) continue;
      this.send({ uri, version: this.files.versionOf(uri), diagnostics: problem ? [configDiagnostic(problem)] : [] });
      if (problem) this.shownConfigProblems.add(key);
      else this.shownConfigProblems.delete(key);
    }
  }

  private schedule(): void {
    this.changedSinceLook = true;
    this.pending ??= setImmediate(() => this.flushWhenIdle());
  }

  /**
   * Flushes after a whole turn of the event loop without a change. The connection hands over one
   * queued message per turn, so edits that piled up while a lint ran are all taken in first.
   */
  private flushWhenIdle(): void {
    if (!this.changedSinceLook) return this.flush();
    this.changedSinceLook = false;
    this.pending = setImmediate(() => this.flushWhenIdle());
  }

  private publish(snapshot: Snapshot): void {
    const targets = this.targets(snapshot);
    const bulk = targets.length > LINTED_AT_ONCE;
    for (const [config, uris] of this.configs.groups(targets)) {
      const project = this.linter.project(snapshot, config);
      this.previous.set(config, project);
      // In slices, so that the memory policy can follow the heap through a whole workspace.
      for (let at = 0; at < uris.length; at += LINTED_AT_ONCE) {
        const slice = uris.slice(at, at + LINTED_AT_ONCE);
        const findings = groupByKey(this.linter.lint(snapshot, config, slice.filter((u) => project.has(u))));
        for (const uri of slice) {
          if (project.has(uri)) this.sendFindings(uri, findings.get(uriKey(uri)) ?? [], snapshot);
          else this.notLinted(uri, snapshot);
        }
        followHeap(bulk);
      }
    }
    followHeap();
  }

  /** The dirty files and everything linked to them, before and after the change. */
  private targets(snapshot: Snapshot): string[] {
    const targets = new Map<string, string>();
    const add = (uri: string) => {
      const key = uriKey(uri);
      if (!targets.has(key)) targets.set(key, snapshot.get(key)?.uri ?? this.shown.get(key) ?? uri);
    };
    if (this.everything) {
      for (const f of snapshot.files()) add(f.uri);
      for (const uri of this.shown.values()) add(uri);
    }
    for (const uri of this.dirty) {
      add(uri);
      const config = this.configs.configFor(uri);
      for (const d of this.linter.project(snapshot, config).dependents(uri)) add(d);
      for (const d of this.previous.get(config)?.dependents(uri) ?? []) add(d);
    }
    this.dirty.clear();
    this.everything = false;
    return [...targets.values()];
  }

  private sendFindings(uri: string, findings: Finding[], snapshot: Snapshot): void {
    const key = uriKey(uri);
    this.send({ uri, version: this.files.versionOf(uri), diagnostics: findings.map((f) => toDiagnostic(f, snapshot)) });
    if (findings.length) this.shown.set(key, uri);
    else this.shown.delete(key);
  }

  /** A file that is gone, not a lintable kind, or too large or binary to lint. */
  private notLinted(uri: string, snapshot: Snapshot): void {
    const file = snapshot.get(uri);
    if (file) for (const u of this.linter.unreadable(new Snapshot([file]))) this.log.once(`${u.uri}: ${u.message}`, 'info');
    if (this.shown.has(uriKey(uri))) this.sendFindings(uri, [], snapshot);
  }
}

function groupByKey(findings: Finding[]): Map<string, Finding[]> {
  const map = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = uriKey(f.uri);
    if (!map.has(key)) map.set(key, []);
    map.get(key)!.push(f);
  }
  return map;
}
