// Throw-away workspaces on disk for the language server suites: a writable copy of the tobs
// example, or files given inline, with helpers to name them by URI and read them back as the
// engine would see them.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultConfig, Linter, Snapshot, type Config, type Finding } from '../../server/src/engine/index';
import { fileUri, walkWorkspace } from '../../server/src/host/workspace-files';
import { EXAMPLE_DIR } from '../support/paths';

export class TempWorkspace {
  readonly dir: string;

  constructor(files: Record<string, string> = {}, copyExample = true) {
    this.dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'tobs-lsp-')));
    if (copyExample) {
      for (const name of fs.readdirSync(EXAMPLE_DIR)) {
        fs.writeFileSync(path.join(this.dir, name), fs.readFileSync(path.join(EXAMPLE_DIR, name)));
      }
    }
    for (const [name, text] of Object.entries(files)) this.write(name, text);
  }

  get uri(): string {
    return fileUri(this.dir);
  }

  uriOf(name: string): string {
    return fileUri(path.join(this.dir, name));
  }

  /** The workspace-relative name of a file URI. */
  nameOf(uri: string): string {
    return path.relative(this.dir, fileURLToPath(uri)).split(path.sep).join('/');
  }

  read(name: string): string {
    return fs.readFileSync(path.join(this.dir, name), 'utf8');
  }

  write(name: string, text: string): string {
    const full = path.join(this.dir, name);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, text);
    return fileUri(full);
  }

  remove(name: string): void {
    fs.rmSync(path.join(this.dir, name), { recursive: true, force: true });
  }

  /** The workspace as the engine reads it from disk, with `overrides` (name → text) on top. */
  snapshot(overrides: Record<string, string> = {}): Snapshot {
    const files = walkWorkspace(this.dir).files;
    return new Snapshot(files).with(...Object.entries(overrides).map(([name, text]) => ({ uri: this.uriOf(name), text })));
  }

  /** What the engine finds in one file of the workspace. */
  lint(name: string, overrides: Record<string, string> = {}, config: Config = defaultConfig()): Finding[] {
    return new Linter().lint(this.snapshot(overrides), config, [this.uriOf(name)]);
  }

  dispose(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
