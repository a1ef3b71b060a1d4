import type { Language } from '../types';
import { SourceText } from '../text';
import { basenameUri } from '../uri';
import { parseCompose, type ParsedCompose } from './compose';
import { parseDockerfile, type ParsedDockerfile } from './dockerfile';
import { reparseDockerfile } from './reparse';
import { parseScript, type ParsedScript } from './script';

export type ParsedFile = ParsedDockerfile | ParsedCompose | ParsedScript;

const DOCKERFILE_NAME = /^(Dockerfile|Containerfile)(\..+)?$|\.(dockerfile|containerfile)$/i;
const COMPOSE_NAME = /^(docker-)?compose(\.[^/]+)?\.ya?ml$/i;
export const SHELL_SHEBANG = /^#!\s*\S*\/(env\s+)?(ba|da|k|z)?sh\b/;
const CALLS_ENGINE = /\b(podman|docker)\b/i;

/** Which language a file is by its name (and, for scripts, its first line and content). */
export function classify(uri: string, text?: string): Language | undefined {
  const name = basenameUri(uri);
  if (DOCKERFILE_NAME.test(name)) return 'dockerfile';
  if (COMPOSE_NAME.test(name)) return 'compose';
  const isShell = /\.(sh|bash)$/i.test(name) || (text !== undefined && SHELL_SHEBANG.test(text.replace(/^\uFEFF/, '')));
  if (isShell && (text === undefined || CALLS_ENGINE.test(text))) return 'shell';
  return undefined;
}

export function parseAs(language: Language, uri: string, text: string): ParsedFile {
  const source = new SourceText(uri, text);
  switch (language) {
    case 'dockerfile':
      return parseDockerfile(source);
    case 'compose':
      return parseCompose(source);
    case 'shell':
      return parseScript(source);
  }
}

interface CacheEntry {
  text: string;
  language: Language;
  parsed: ParsedFile;
}

/**
 * Parses kept per file: the current text and the one before (a fix is checked on its result, then
 * the file is back). A re-parsed open Dockerfile keeps only its new parse: it took over the old one.
 */
const VERSIONS_KEPT = 2;

/**
 * Keeps the last parses of each file; a file is parsed again only when its text is new. A new
 * text of an open Dockerfile is re-parsed from the last parse, only where it changed.
 *
 * With `maxUnpinnedDockerfiles`, Dockerfile parses asked for without `pinned` (files not open in
 * an editor) are kept for that many files at most, the least recently used dropped first: the
 * project model never reads a Dockerfile's parse tree, and those trees are most of the memory a
 * large workspace takes (dockerfile-ast keeps a text document and ranges for every argument).
 * A dropped file is parsed again when a rule asks for it.
 */
export class ParseCache {
  private readonly entries = new Map<string, CacheEntry[]>();
  /** Unpinned Dockerfiles with a parse kept, least recently used first. */
  private readonly unpinned = new Set<string>();

  constructor(private readonly maxUnpinnedDockerfiles = Infinity) {}

  get(uri: string, text: string, language: Language, pinned = true): ParsedFile {
    const versions = this.entries.get(uri) ?? [];
    let parsed = versions.find((e) => e.text === text && e.language === language)?.parsed;
    if (!parsed) {
      // An edited open Dockerfile: re-read only what the edit changed, from the last parse (which it takes over).
      const base = pinned && language === 'dockerfile' && versions[0]?.language === 'dockerfile' ? versions[0] : undefined;
      const reparsed = base && reparseDockerfile(base.parsed as ParsedDockerfile, new SourceText(uri, text));
      parsed = reparsed || parseAs(language, uri, text);
      this.entries.set(uri, [{ text, language, parsed }, ...(reparsed ? [] : versions)].slice(0, VERSIONS_KEPT));
    }
    this.unpinned.delete(uri);
    if (!pinned && language === 'dockerfile' && Number.isFinite(this.maxUnpinnedDockerfiles)) {
      this.unpinned.add(uri);
      for (const oldest of this.unpinned) {
        if (this.unpinned.size <= this.maxUnpinnedDockerfiles) break;
        this.unpinned.delete(oldest);
        this.entries.delete(oldest);
      }
    }
    return parsed;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
    this.unpinned.delete(uri);
  }

  /** Drops entries for files no longer in the workspace. */
  retain(uris: Set<string>): void {
    for (const uri of this.entries.keys()) if (!uris.has(uri)) this.delete(uri);
  }
}
