// Image references as written in FROM, `COPY --from=` and `RUN --mount=from=`, split into name,
// tag and digest with offsets, so that rules can replace exactly the tag or drop the digest.

import { From, ModifiableInstruction, type Instruction } from 'dockerfile-ast';
import type { ParsedDockerfile } from '../../../parse/dockerfile';
import type { Range } from '../../../types';

export interface ImageRef {
  /** The reference as written. */
  text: string;
  /** Source offset of the reference. */
  start: number;
  /** Repository without tag or digest, registry included (`ghcr.io/astral-sh/uv`). */
  name: string;
  tag?: string;
  /** Offset of the tag (after the `:`). */
  tagStart?: number;
  /** `sha256:…`, without the `@`. */
  digest?: string;
  /** Offset of the `@` before the digest. */
  digestAt?: number;
  instruction: Instruction;
}

export function parseImageRef(text: string, start: number, instruction: Instruction): ImageRef {
  const at = text.indexOf('@');
  const beforeDigest = at < 0 ? text : text.slice(0, at);
  const lastSlash = beforeDigest.lastIndexOf('/');
  const colon = beforeDigest.indexOf(':', lastSlash + 1);
  const ref: ImageRef = { text, start, name: colon < 0 ? beforeDigest : beforeDigest.slice(0, colon), instruction };
  if (colon >= 0) {
    ref.tag = beforeDigest.slice(colon + 1);
    ref.tagStart = start + colon + 1;
  }
  if (at >= 0) {
    ref.digest = text.slice(at + 1);
    ref.digestAt = start + at;
  }
  return ref;
}

/** The image of a FROM, or undefined when it has none (a syntax error being typed). */
export function fromImage(file: ParsedDockerfile, from: From): ImageRef | undefined {
  const range = from.getImageRange();
  if (!range) return undefined;
  const start = file.source.offsetAt(range.start);
  return parseImageRef(file.source.text.slice(start, file.source.offsetAt(range.end)), start, from);
}

/**
 * Every image reference in the file: FROM images, `COPY/ADD --from=` and `RUN --mount=…,from=`.
 * Stage names come back too (they are references without registry or tag); callers match names.
 */
export function imageRefs(file: ParsedDockerfile): ImageRef[] {
  const refs: ImageRef[] = [];
  const source = file.source;
  const add = (instruction: Instruction, range: Range | null) => {
    if (!range) return;
    const start = source.offsetAt(range.start);
    const text = source.text.slice(start, source.offsetAt(range.end));
    if (text) refs.push(parseImageRef(text, start, instruction));
  };
  for (const instruction of file.ast.getInstructions()) {
    if (instruction instanceof From) {
      add(instruction, instruction.getImageRange());
      continue;
    }
    if (!(instruction instanceof ModifiableInstruction)) continue;
    for (const flag of instruction.getFlags()) {
      const name = flag.getName().toLowerCase();
      if (name === 'from') add(instruction, flag.getValueRange());
      else if (name === 'mount') {
        const option = flag.getOptions().find((o) => o.getName().toLowerCase() === 'from');
        if (option) add(instruction, option.getValueRange());
      }
    }
  }
  return refs;
}

/** `python`, `library/python`, `docker.io/python`, `docker.io/library/python` → `python`. */
export function dockerHubName(name: string): string {
  return name.replace(/^(index\.)?docker\.io\//, '').replace(/^library\//, '');
}
