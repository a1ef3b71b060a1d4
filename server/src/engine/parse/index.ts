import type { Language } from '../types';
import { SourceText } from '../text';
import { basenameUri } from '../uri';
import { parseCompose, type ParsedCompose } from './compose';
import { parseDockerfile, type ParsedDockerfile } from './dockerfile';
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

/** Parses kept per file: the current text and the one before (a fix is checked on its result, then the file is back). */
const VERSIONS_KEPT = 2;

/**
 * Keeps the last parses of each file; a file is parsed again only when its text is new.
 */
export class ParseCache {
  private readonly entries = new Map<string, CacheEntry[]>();

  get(uri: string, text: string, language: Language): ParsedFile {
    const versions = this.entries.get(uri) ?? [];
    const hit = versions.find((e) => e.text === text && e.language === language);
    if (hit) return hit.parsed;
    const parsed = parseAs(language, uri, text);
    this.entries.set(uri, [{ text, language, parsed }, ...versions].slice(0, VERSIONS_KEPT));
    return parsed;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }

  /** Drops entries for files no longer in the workspace. */
  retain(uris: Set<string>): void {
    for (const uri of this.entries.keys()) if (!uris.has(uri)) this.entries.delete(uri);
  }
}
