// The project model: which compose service and which script builds or runs which Dockerfile,
// under which image name, with which mounts. Cross-file rules read it; the language server asks
// it which files to re-lint when one changes.

import { isMap, isScalar } from 'yaml';
import { getIn, scalarString, sequenceItems, type ComposeService, type ParsedCompose } from './parse/compose';
import type { ParsedDockerfile } from './parse/dockerfile';
import { isBuild, optionValues, runImage, type EngineCommand } from './parse/engine-cli';
import type { ParsedFile } from './parse/index';
import type { ParsedScript } from './parse/script';
import { resolveValue, type Word } from './parse/shell';
import type { Snapshot } from './snapshot';
import { uriKey } from './snapshot';
import type { Range } from './types';
import { dirnameUri, joinUri } from './uri';

export type MountKind = 'bind' | 'volume' | 'anonymous';

export interface Mount {
  /** Path inside the container. */
  target: string;
  source?: string;
  kind: MountKind;
  /** `:ro`, `read_only: true`, `readonly`: the container cannot write there. */
  readOnly: boolean;
  uri: string;
  range: Range;
}

export interface ServiceModel {
  file: ParsedCompose;
  service: ComposeService;
  /** Decoded URI of the Dockerfile the service builds, if it builds one. */
  dockerfileUri?: string;
  contextUri?: string;
  image?: string;
  mounts: Mount[];
}

export interface ScriptRun {
  file: ParsedScript;
  cmd: EngineCommand;
  imageWord?: Word;
  /** Normalised image reference, when the script's variables resolve it. */
  image?: string;
  mounts: Mount[];
}

export interface ScriptBuild {
  file: ParsedScript;
  cmd: EngineCommand;
  tags: string[];
  dockerfileUri: string;
  contextUri: string;
}

/**
 * A Dockerfile of the project, parsed when a rule first asks for it: the model itself needs only
 * its URI, and a language server need not hold the parse tree of every Dockerfile it indexed.
 */
export interface LazyDockerfile {
  language: 'dockerfile';
  uri: string;
  load(): ParsedDockerfile;
}

export type ProjectFile = ParsedFile | LazyDockerfile;

function uriOf(f: ProjectFile): string {
  return 'load' in f ? f.uri : f.source.uri;
}

interface DockerfileIndex {
  /** The context of the first service that builds the Dockerfile and gives one. */
  serviceContexts: Map<string, string>;
  /** The context of the first script build of the Dockerfile. */
  buildContexts: Map<string, string>;
  building: Map<string, ServiceModel[]>;
  running: Map<string, ServiceModel[]>;
  runs: Map<string, ScriptRun[]>;
}

/** One compose file's services, or one script's builds and runs. */
interface FileModel {
  /** The snapshot's set of files the model was read against (it looks for Dockerfiles and Containerfiles). */
  files: object;
  services: ServiceModel[];
  builds: ScriptBuild[];
  runs: ScriptRun[];
}

/**
 * The model read from each compose file and script, kept while the file's parse and the
 * snapshot's set of files stay the same: a new model per edit re-reads only the edited file.
 */
export class FileModels {
  private readonly byFile = new WeakMap<ParsedFile, FileModel>();

  get(file: ParsedFile, files: object, read: () => Omit<FileModel, 'files'>): FileModel {
    const known = this.byFile.get(file);
    if (known?.files === files) return known;
    const model = { files, ...read() };
    this.byFile.set(file, model);
    return model;
  }
}

export class Project {
  private readonly dockerfileEntries: ProjectFile[] = [];
  readonly composes: ParsedCompose[] = [];
  readonly scripts: ParsedScript[] = [];
  readonly services: ServiceModel[] = [];
  readonly runs: ScriptRun[] = [];
  readonly builds: ScriptBuild[] = [];
  /** Images the project builds, by normalised name, with the Dockerfile that builds each. */
  readonly builtImages = new Map<string, string>();
  private readonly byKey = new Map<string, ProjectFile>();
  private readonly servicesByFile = new Map<ParsedCompose, readonly ServiceModel[]>();

  constructor(readonly snapshot: Snapshot, files: Iterable<ProjectFile>, configuredImage?: string, models = new FileModels()) {
    for (const f of files) {
      this.byKey.set(uriKey(uriOf(f)), f);
      if (f.language === 'dockerfile') this.dockerfileEntries.push(f);
      else if (f.language === 'compose') this.composes.push(f);
      else this.scripts.push(f);
    }
    const read = (file: ParsedFile, how: () => Omit<FileModel, 'files'>) => {
      const model = models.get(file, snapshot.fileSet, how);
      for (const s of model.services) this.services.push(s);
      for (const b of model.builds) this.builds.push(b);
      for (const r of model.runs) this.runs.push(r);
      return model;
    };
    for (const c of this.composes) this.servicesByFile.set(c, read(c, () => ({ services: c.services.map((s) => this.serviceModel(c, s)), builds: [], runs: [] })).services);
    for (const s of this.scripts) read(s, () => ({ services: [], ...this.readScript(s) }));
    for (const s of this.services) if (s.dockerfileUri && s.image) this.builtImages.set(s.image, s.dockerfileUri);
    for (const b of this.builds) for (const t of b.tags) this.builtImages.set(t, b.dockerfileUri);
    if (configuredImage && !this.builtImages.has(normalizeImage(configuredImage)) && this.dockerfileEntries.length === 1) {
      this.builtImages.set(normalizeImage(configuredImage), uriKey(uriOf(this.dockerfileEntries[0])));
    }
  }

  /** Every Dockerfile, parsed (those not parsed yet are parsed now). */
  get dockerfiles(): ParsedDockerfile[] {
    return this.dockerfileEntries.map((f) => ('load' in f ? f.load() : (f as ParsedDockerfile)));
  }

  /** The URIs of the linted files: Dockerfiles, compose files, scripts. */
  uris(): string[] {
    return [...this.dockerfileEntries, ...this.composes, ...this.scripts].map(uriOf);
  }

  /** The service models of one compose file, in project order. */
  servicesIn(file: ParsedCompose): readonly ServiceModel[] {
    return this.servicesByFile.get(file) ?? [];
  }

  /** Whether the file is linted, without parsing it. */
  has(uri: string): boolean {
    return this.byKey.has(uriKey(uri));
  }

  file(uri: string): ParsedFile | undefined {
    const f = this.byKey.get(uriKey(uri));
    return f && 'load' in f ? f.load() : f;
  }

  dockerfile(uri: string | undefined): ParsedDockerfile | undefined {
    const f = uri ? this.file(uri) : undefined;
    return f?.language === 'dockerfile' ? f : undefined;
  }

  /** Whether any file (linted or not, such as `uv.lock`) exists at the URI. */
  exists(uri: string): boolean {
    return this.snapshot.has(uri);
  }

  /** The build context of a Dockerfile: the one compose or a script gives it, else its folder. */
  contextOf(dockerfileUri: string): string {
    const key = uriKey(dockerfileUri);
    const { serviceContexts, buildContexts } = this.byDockerfile();
    return serviceContexts.get(key) ?? buildContexts.get(key) ?? dirnameUri(key);
  }

  servicesBuilding(dockerfileUri: string): ServiceModel[] {
    return [...(this.byDockerfile().building.get(uriKey(dockerfileUri)) ?? [])];
  }

  /** Script runs whose image this Dockerfile builds. */
  runsOf(dockerfileUri: string): ScriptRun[] {
    return [...(this.byDockerfile().runs.get(uriKey(dockerfileUri)) ?? [])];
  }

  /** Services that run this Dockerfile's image: those that build it and those that name its image. */
  servicesRunning(dockerfileUri: string): ServiceModel[] {
    return [...(this.byDockerfile().running.get(uriKey(dockerfileUri)) ?? [])];
  }

  private dockerfileIndex: DockerfileIndex | undefined;

  /**
   * The services, builds and runs of each Dockerfile, in model order, gathered once: rules ask for
   * every Dockerfile, and going through the whole model each time was quadratic in the workspace.
   */
  private byDockerfile(): DockerfileIndex {
    if (this.dockerfileIndex) return this.dockerfileIndex;
    const index: DockerfileIndex = { serviceContexts: new Map(), buildContexts: new Map(), building: new Map(), running: new Map(), runs: new Map() };
    const add = <T>(map: Map<string, T[]>, key: string, item: T) => {
      const list = map.get(key);
      if (list) list.push(item);
      else map.set(key, [item]);
    };
    for (const s of this.services) {
      if (s.dockerfileUri && s.contextUri && !index.serviceContexts.has(s.dockerfileUri)) index.serviceContexts.set(s.dockerfileUri, s.contextUri);
      if (s.dockerfileUri) add(index.building, s.dockerfileUri, s);
      const runsImageOf = s.image ? this.builtImages.get(s.image) : undefined;
      if (s.dockerfileUri) add(index.running, s.dockerfileUri, s);
      if (runsImageOf !== undefined && runsImageOf !== s.dockerfileUri) add(index.running, runsImageOf, s);
    }
    for (const b of this.builds) if (!index.buildContexts.has(b.dockerfileUri)) index.buildContexts.set(b.dockerfileUri, b.contextUri);
    for (const r of this.runs) {
      const builtBy = r.image ? this.builtImages.get(r.image) : undefined;
      if (builtBy !== undefined) add(index.runs, builtBy, r);
    }
    return (this.dockerfileIndex = index);
  }

  /**
   * The linted files whose findings may change when `uri` changes: every file linked to it
   * through builds, runs and image names, and for a file that is not linted itself (a
   * `pyproject.toml`, a lock file) every linted file in its folder tree.
   */
  dependents(uri: string): string[] {
    const key = uriKey(uri);
    if (!this.byKey.has(key)) {
      const dir = dirnameUri(key) + '/';
      return [...this.byKey.keys()].filter((k) => k.startsWith(dir));
    }
    const edges = this.links();
    const seen = new Set<string>([key]);
    const queue = [key];
    while (queue.length) {
      for (const next of edges.get(queue.pop()!) ?? []) {
        if (!seen.has(next)) {
          seen.add(next);
          queue.push(next);
        }
      }
    }
    return [...seen].filter((k) => this.byKey.has(k));
  }

  private linked: Map<string, Set<string>> | undefined;

  /** Which files are linked through builds, runs and image names; worked out once per model. */
  private links(): Map<string, Set<string>> {
    if (this.linked) return this.linked;
    const edges = new Map<string, Set<string>>();
    const link = (a: string, b: string) => {
      if (!edges.has(a)) edges.set(a, new Set());
      if (!edges.has(b)) edges.set(b, new Set());
      edges.get(a)!.add(b);
      edges.get(b)!.add(a);
    };
    for (const s of this.services) {
      const su = uriKey(s.file.source.uri);
      if (s.dockerfileUri) link(su, s.dockerfileUri);
      if (s.image && this.builtImages.has(s.image)) link(su, this.builtImages.get(s.image)!);
      for (const r of this.runs) if (r.image && r.image === s.image) link(su, uriKey(r.file.source.uri));
    }
    for (const r of this.runs) if (r.image && this.builtImages.has(r.image)) link(uriKey(r.file.source.uri), this.builtImages.get(r.image)!);
    for (const b of this.builds) link(uriKey(b.file.source.uri), b.dockerfileUri);
    return (this.linked = edges);
  }

  private serviceModel(file: ParsedCompose, service: ComposeService): ServiceModel {
    const composeDir = dirnameUri(uriKey(file.source.uri));
    const model: ServiceModel = { file, service, mounts: composeMounts(file, service.map) };
    const image = scalarString(getIn(service.map, 'image'));
    if (image) model.image = normalizeImage(image);
    const build = getIn(service.map, 'build');
    let context: string | undefined;
    let dockerfile: string | undefined;
    if (isScalar(build)) context = scalarString(build);
    else if (isMap(build)) {
      context = scalarString(getIn(build, 'context')) ?? '.';
      dockerfile = scalarString(getIn(build, 'dockerfile'));
    }
    if (context !== undefined && !/^[a-z]+:\/\//i.test(context) && !context.includes('$')) {
      model.contextUri = joinUri(composeDir, context);
      model.dockerfileUri = this.findDockerfile(model.contextUri, dockerfile);
    }
    return model;
  }

  private findDockerfile(contextUri: string, name: string | undefined): string {
    if (name) return uriKey(joinUri(contextUri, name));
    const containerfile = joinUri(contextUri, 'Containerfile');
    const dockerfile = joinUri(contextUri, 'Dockerfile');
    return uriKey(!this.snapshot.has(dockerfile) && this.snapshot.has(containerfile) ? containerfile : dockerfile);
  }

  private readScript(file: ParsedScript): { builds: ScriptBuild[]; runs: ScriptRun[] } {
    const builds: ScriptBuild[] = [];
    const runs: ScriptRun[] = [];
    const scriptDir = dirnameUri(uriKey(file.source.uri));
    for (const cmd of file.engineCommands) {
      if (isBuild(cmd)) {
        const contextWord = cmd.positionals[cmd.positionals.length - 1];
        const context = contextWord ? resolveValue(contextWord.value, file.vars) : undefined;
        if (context === undefined || /^[a-z]+:\/\//i.test(context)) continue;
        const contextUri = joinUri(scriptDir, context.replace(/^\$\{?PWD\}?/, '.'));
        const fileOpt = optionValues(cmd, '--file')[0]?.value;
        const fileName = fileOpt ? resolveValue(fileOpt.value, file.vars) : undefined;
        const tags = optionValues(cmd, '--tag')
          .map((o) => (o.value ? resolveValue(o.value.value, file.vars) : undefined))
          .filter((t): t is string => !!t)
          .map(normalizeImage);
        const dockerfileUri = fileName ? uriKey(joinUri(scriptDir, fileName)) : this.findDockerfile(contextUri, undefined);
        builds.push({ file, cmd, tags, dockerfileUri, contextUri });
        continue;
      }
      const imageWord = runImage(cmd);
      if (!imageWord) continue;
      const resolved = resolveValue(imageWord.value, file.vars);
      runs.push({
        file,
        cmd,
        imageWord,
        image: resolved ? normalizeImage(resolved) : undefined,
        mounts: scriptMounts(file, cmd),
      });
    }
    return { builds, runs };
  }
}

/** `tobs`, `tobs:latest`, `localhost/tobs` and `docker.io/library/tobs:latest` are one image. */
export function normalizeImage(ref: string): string {
  let r = ref.trim().replace(/^(localhost|docker\.io)\//, '').replace(/^library\//, '');
  const lastSlash = r.lastIndexOf('/');
  const at = r.indexOf('@');
  const nameEnd = at < 0 ? r.length : at;
  if (!r.slice(lastSlash + 1, nameEnd).includes(':')) r = r.slice(0, nameEnd) + ':latest' + r.slice(nameEnd);
  return r;
}

/** Splits `src:dst[:opts]` at colons that are not inside `${…}`. */
export function splitVolumeSpec(spec: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const c of spec) {
    if (c === '{') depth++;
    else if (c === '}') depth = Math.max(0, depth - 1);
    if (c === ':' && depth === 0) {
      parts.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  parts.push(current);
  return parts;
}

/** The `ro` of `src:dst:ro`, `src:dst:ro,z`. */
function readOnlyOption(options: string | undefined): boolean {
  return (options ?? '').split(',').includes('ro');
}

function kindOfSource(source: string | undefined): MountKind {
  if (source === undefined || source === '') return 'anonymous';
  return /^[./~$]/.test(source) ? 'bind' : 'volume';
}

/** A mount written `[src:]dst[:opts]` (compose's short syntax, `--volume`). */
function volumeSpecMount(spec: string, uri: string, range: Range): Mount | undefined {
  const parts = splitVolumeSpec(spec);
  const [source, target] = parts.length >= 2 ? [parts[0], parts[1]] : [undefined, parts[0]];
  return target ? { target, source, kind: kindOfSource(source), readOnly: readOnlyOption(parts[2]), uri, range } : undefined;
}

/** The kind of a mount written with its `type` (compose's long syntax, `--mount`). */
function kindOfType(type: string | undefined, source: string | undefined): MountKind {
  return type === 'bind' ? 'bind' : source ? 'volume' : 'anonymous';
}

function composeMounts(file: ParsedCompose, service: unknown): Mount[] {
  const mounts: Mount[] = [];
  const uri = file.source.uri;
  for (const item of sequenceItems(getIn(service, 'volumes'))) {
    const range = file.source.rangeOf(item.range![0], item.range![1]);
    if (isScalar(item)) {
      const mount = volumeSpecMount(String(item.value ?? ''), uri, range);
      if (mount) mounts.push(mount);
    } else if (isMap(item)) {
      const target = scalarString(getIn(item, 'target'));
      const source = scalarString(getIn(item, 'source'));
      const type = scalarString(getIn(item, 'type'));
      if (!target || type === 'tmpfs') continue;
      const readOnly = scalarString(getIn(item, 'read_only')) === 'true';
      mounts.push({ target, source, kind: kindOfType(type, source), readOnly, uri, range });
    }
  }
  return mounts;
}

function scriptMounts(file: ParsedScript, cmd: EngineCommand): Mount[] {
  const mounts: Mount[] = [];
  const uri = file.source.uri;
  for (const option of optionValues(cmd, '--volume', '--mount')) {
    const word = option.value;
    if (!word) continue;
    const range = file.source.rangeOf(word.start, word.end);
    if (option.name === '--volume') {
      const mount = volumeSpecMount(word.value, uri, range);
      if (mount) mounts.push(mount);
    } else {
      const fields = new Map(word.value.split(',').map((kv) => kv.split('=') as [string, string]));
      const target = fields.get('target') ?? fields.get('dst') ?? fields.get('destination');
      const source = fields.get('source') ?? fields.get('src');
      const type = fields.get('type') ?? 'volume';
      if (!target || type === 'tmpfs') continue;
      const readOnly = ['readonly', 'ro'].some((k) => fields.has(k) && fields.get(k) !== 'false');
      mounts.push({ target, source, kind: kindOfType(type, source), readOnly, uri, range });
    }
  }
  return mounts;
}
