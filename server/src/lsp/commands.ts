// Server commands (`workspace/executeCommand`).

import { fixAll, uriKey, type Linter, type Snapshot } from '../engine/index';
import type { FolderConfigs } from './folder-configs';

export const FIX_ALL_IN_WORKSPACE_COMMAND = 'tobs.server.fixAllInWorkspace';

export interface WorkspaceFixResult {
  before: Snapshot;
  after: Snapshot;
  changed: Set<string>;
  /** How many fixes were applied. */
  fixes: number;
}

/** Every preferred fix in every file, each file under its own folder's configuration. */
export function fixAllInWorkspace(linter: Linter, snapshot: Snapshot, configs: FolderConfigs): WorkspaceFixResult {
  let after = snapshot;
  const changed = new Set<string>();
  let fixes = 0;
  for (const [config, uris] of configs.groups([...snapshot.files()].map((f) => f.uri))) {
    const result = fixAll(linter, after, config, new Set(uris.map(uriKey)));
    after = result.snapshot;
    result.changed.forEach((uri) => changed.add(uri));
    fixes += result.applied.length;
  }
  return { before: snapshot, after, changed, fixes };
}
