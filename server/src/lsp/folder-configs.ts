// Which configuration lints which file: the nearest `.tobs-lint.yaml` upward from each workspace
// folder, lowered by the user's `tobs.rules`. A broken file yields one problem on that file, and
// linting goes on with the defaults.

import * as path from 'node:path';
import { isMap, isScalar, parseDocument, type Node } from 'yaml';
import { ConfigError, defaultConfig, parseConfig, rulesById, SourceText, uriKey, type Config, type HostFacts, type Range, type RuleSetting } from '../engine/index';
import { fileUri, findConfigFile } from '../host/workspace-files';
import { filePath } from './indexing';
import { lowerRules } from './settings';

export interface ConfigProblem {
  uri: string;
  range: Range;
  message: string;
}

interface Folder {
  /** Decoded folder URI with a trailing slash, to match the files under it. */
  prefix: string;
  configUri?: string;
  fileConfig: Config;
  problem?: ConfigProblem;
  effective?: Config;
}

export class FolderConfigs {
  private folders: Folder[] = [];
  private userRules: Readonly<Record<string, RuleSetting>> = {};
  private host: HostFacts = {};
  private outside: Config | undefined;

  /** `readText` gives a config file's text: the open editor's, else the disk's, else undefined. */
  constructor(private readonly readText: (uri: string) => string | undefined) {}

  /** (Re)reads the configuration of each folder; the longest folder prefix wins for a file. */
  load(folderUris: readonly string[]): void {
    this.folders = folderUris
      .map((uri) => this.readFolder(uri))
      .sort((a, b) => b.prefix.length - a.prefix.length);
    this.outside = undefined;
  }

  setUserRules(rules: Readonly<Record<string, RuleSetting>>): void {
    this.userRules = rules;
    this.forgetEffective();
  }

  /** The facts about the machine that runs the containers, for every configuration. */
  setHostFacts(host: HostFacts): void {
    this.host = host;
    this.forgetEffective();
  }

  configFor(uri: string): Config {
    const key = uriKey(uri);
    const folder = this.folders.find((f) => key.startsWith(f.prefix));
    if (!folder) return (this.outside ??= this.effective(defaultConfig()));
    return (folder.effective ??= this.effective(folder.fileConfig));
  }

  /** The given files grouped by the configuration that lints them. */
  groups(uris: Iterable<string>): Map<Config, string[]> {
    const groups = new Map<Config, string[]>();
    for (const uri of uris) {
      const config = this.configFor(uri);
      if (!groups.has(config)) groups.set(config, []);
      groups.get(config)!.push(uri);
    }
    return groups;
  }

  /** Every config file in use, with its problem if it has one. */
  configFiles(): { uri: string; problem?: ConfigProblem }[] {
    const byKey = new Map<string, { uri: string; problem?: ConfigProblem }>();
    for (const f of this.folders) if (f.configUri) byKey.set(uriKey(f.configUri), { uri: f.configUri, problem: f.problem });
    return [...byKey.values()];
  }

  private effective(fileConfig: Config): Config {
    return { ...lowerRules(fileConfig, this.userRules), host: this.host };
  }

  private forgetEffective(): void {
    this.outside = undefined;
    for (const f of this.folders) f.effective = undefined;
  }

  private readFolder(folderUri: string): Folder {
    const prefix = uriKey(folderUri).replace(/\/?$/, '/');
    const folderPath = filePath(folderUri);
    const configPath = folderPath && findConfigFile(folderPath);
    if (!configPath) return { prefix, fileConfig: defaultConfig() };
    const configUri = fileUri(configPath);
    const text = this.readText(configUri);
    if (text === undefined) return { prefix, configUri, fileConfig: defaultConfig() };
    try {
      return { prefix, configUri, fileConfig: parseConfig(text, new Set(rulesById.keys())) };
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      const message = `${path.basename(configPath)} is invalid, using the defaults: ${e.message}`;
      return { prefix, configUri, fileConfig: defaultConfig(), problem: { uri: configUri, range: rangeOfKey(configUri, text, e.key), message } };
    }
  }
}

/** Where a ConfigError's key (`rules.<id>`, `options.resources.limits.cpus`, `(file)`) is written. */
function rangeOfKey(uri: string, text: string, key: string): Range {
  const source = new SourceText(uri, text);
  const doc = parseDocument(text);
  if (key === '(file)') {
    const at = doc.errors[0]?.pos ?? [0, 0];
    return source.rangeOf(at[0], at[1]);
  }
  let node: unknown = doc.contents;
  let found: Node | undefined;
  for (const segment of key.split('.')) {
    const pair = isMap(node) ? node.items.find((p) => isScalar(p.key) && String(p.key.value) === segment) : undefined;
    if (!pair) break;
    found = pair.key as Node;
    node = pair.value;
  }
  return found?.range ? source.rangeOf(found.range[0], found.range[1]) : source.rangeOf(0, 0);
}
