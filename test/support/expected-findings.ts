// What the editor must show for a folder on this machine: the engine's own findings for the
// folder's files, with the host facts the extension detects here (engine, compose provider and its
// version, render GID). Rules that read host facts add findings the files alone do not raise (on
// Debian's podman-compose 1.0.3, say), so the end-to-end suites compare the editor with this, besides
// checking the example's 16 seed rules by name.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { detectHostFacts } from '../../client/src/engine/host-facts';
import { NodeProcessRunner } from '../../client/src/engine/process';
import { defaultConfig, fixAll, Linter, Snapshot, uriKey, type Config, type HostFacts, type Severity } from '../../server/src/engine/index';
import { fileUri, walkWorkspace } from '../../server/src/host/workspace-files';

/** The facts the extension sends the language server in a trusted folder (tobs.containerEngine: auto). */
export function hostFactsOfThisMachine(): Promise<HostFacts> {
  return detectHostFacts('auto', new NodeProcessRunner(), () => fs.promises.readFile('/etc/group', 'utf8').catch(() => undefined));
}

export class EngineView {
  private readonly linter = new Linter();

  private constructor(
    private readonly folder: string,
    private readonly snapshot: Snapshot,
    private readonly config: Config,
  ) {}

  /** The engine's view of `folder`'s files as they are on disk now, on a host with `host`. */
  static of(folder: string, host: HostFacts): EngineView {
    return new EngineView(folder, new Snapshot(walkWorkspace(folder).files), defaultConfig(host));
  }

  /** Rule → severity of the findings, in the whole folder or in one of its files. */
  rules(inFile?: string): Map<string, Severity> {
    const uris = inFile === undefined ? undefined : [this.uriOf(inFile)];
    return new Map(this.linter.lint(this.snapshot, this.config, uris).map((f) => [f.rule, f.severity]));
  }

  /** The view after fixing everything in `fixed` (file names in the folder), to a fixpoint. */
  afterFixing(fixed: 'all' | string[]): EngineView {
    const scope = fixed === 'all' ? undefined : new Set(fixed.map((name) => uriKey(this.uriOf(name))));
    return new EngineView(this.folder, fixAll(this.linter, this.snapshot, this.config, scope).snapshot, this.config);
  }

  private uriOf(name: string): string {
    return fileUri(path.join(this.folder, name));
  }
}
