// An old uv pinned through its image (`COPY --from=ghcr.io/astral-sh/uv:0.4.20`, `FROM
// ghcr.io/astral-sh/uv:0.5.1-python3.12-bookworm`) misses years of resolver and lock-format work.

import { From } from 'dockerfile-ast';
import type { ParsedDockerfile } from '../../parse/dockerfile';
import { defineRule } from '../../rule';
import type { Fix, Options, TextEdit } from '../../types';
import { imageRefs, type ImageRef } from './shared/image-ref';
import { argDefault, stageOf } from './shared/stages';

const UV_IMAGES = new Set(['ghcr.io/astral-sh/uv', 'astral/uv', 'docker.io/astral/uv']);
/** `0.4.20`, `0.8`, then an optional `-python3.12-bookworm` variant. */
const UV_TAG = /^(\d+)\.(\d+)(?:\.(\d+))?(-.+)?$/;
/** A tag that starts with a build argument: `${UV_VERSION}`, `$UV_VERSION-alpine`, `${UV_VERSION:-0.5.0}`. */
const ARG_TAG = /^\$(?:\{([A-Za-z_]\w*)(?::?-([^}]*))?\}|([A-Za-z_]\w*))/;

interface OldUv {
  ref: ImageRef;
  version: string;
  /** Where the version is written: in the tag itself, or in the default of a build argument. */
  versionStart: number;
  versionEnd: number;
  /** The tag's variant after the version (`-python3.12-bookworm`), when the version is in the tag. */
  variant?: string;
  fromArg?: string;
}

function compare(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}

/** The version of a uv image reference and where it is written, when it is older than the minimum. */
function oldUv(file: ParsedDockerfile, ref: ImageRef, options: Options): OldUv | undefined {
  if (!UV_IMAGES.has(ref.name) || ref.tag === undefined || ref.tagStart === undefined) return undefined;
  const source = file.source;
  let found: Omit<OldUv, 'ref'> | undefined;
  const literal = UV_TAG.exec(ref.tag);
  if (literal) {
    const version = ref.tag.slice(0, ref.tag.length - (literal[4]?.length ?? 0));
    found = { version, versionStart: ref.tagStart, versionEnd: ref.tagStart + version.length, variant: literal[4] };
  } else {
    const m = ARG_TAG.exec(ref.tag);
    if (!m) return undefined;
    const name = m[1] ?? m[3];
    const line = ref.instruction.getRange().start.line;
    const stage = ref.instruction instanceof From ? undefined : stageOf(file, ref.instruction);
    const arg = argDefault(file, stage, name, line);
    if (arg) {
      const range = arg.property.getValueRange()!;
      const start = source.offsetAt(range.start);
      const raw = source.text.slice(start, source.offsetAt(range.end));
      const inner = raw.indexOf(arg.value);
      if (inner < 0 || !UV_TAG.test(arg.value + ref.tag.slice(m[0].length))) return undefined;
      found = { version: arg.value, versionStart: start + inner, versionEnd: start + inner + arg.value.length, fromArg: name };
    } else if (m[2] !== undefined && /^\d+\.\d+(\.\d+)?$/.test(m[2])) {
      const at = ref.tagStart + m[0].length - 1 - m[2].length;
      found = { version: m[2], versionStart: at, versionEnd: at + m[2].length, fromArg: name };
    } else {
      return undefined;
    }
  }
  if (!/^\d+\.\d+(\.\d+)?$/.test(found.version) || compare(found.version, options.minUvVersion) >= 0) return undefined;
  return { ref, ...found };
}

function oldUvs(file: ParsedDockerfile, options: Options): OldUv[] {
  return imageRefs(file)
    .map((ref) => oldUv(file, ref, options))
    .filter((u): u is OldUv => !!u);
}

/** Replaces source text `[start, end)` of the reference's tag, and drops its digest: it pins the old image. */
function retag(file: ParsedDockerfile, old: OldUv, end: number, newText: string): TextEdit[] {
  const source = file.source;
  const out: TextEdit[] = [{ uri: source.uri, range: source.rangeOf(old.versionStart, end), newText }];
  if (old.ref.digestAt !== undefined) out.push({ uri: source.uri, range: source.rangeOf(old.ref.digestAt, old.ref.start + old.ref.text.length), newText: '' });
  return out;
}

export default defineRule({
  meta: {
    id: 'dockerfile/uv-image-version',
    language: 'dockerfile',
    severity: 'warning',
    description: 'The uv image is a current release, not one older than `minUvVersion`.',
    messages: {
      old: 'uv {{version}} is older than {{min}}; pin a current release such as {{uvVersion}}.',
      oldArg: 'uv {{version}} (the default of ARG {{arg}}) is older than {{min}}; pin a current release such as {{uvVersion}}.',
    },
  },
  check(ctx) {
    for (const old of oldUvs(ctx.file, ctx.options)) {
      const source = ctx.file.source;
      ctx.report({
        range: source.rangeOf(old.ref.start, old.ref.start + old.ref.text.length),
        messageId: old.fromArg ? 'oldArg' : 'old',
        data: { version: old.version, min: ctx.options.minUvVersion, uvVersion: ctx.options.uvVersion, arg: old.fromArg ?? '' },
        fixData: { start: old.ref.start },
      });
    }
  },
  fix(ctx) {
    const old = oldUvs(ctx.file, ctx.options).find((u) => u.ref.start === ctx.finding.data.start);
    if (!old) return [];
    const fixes: Fix[] = [{ title: `Pin uv ${ctx.options.uvVersion}`, preferred: true, edits: retag(ctx.file, old, old.versionEnd, ctx.options.uvVersion) }];
    // `latest` (or the variant alone, `python3.12-bookworm`), as the seed did; not for a build argument's default.
    if (!old.fromArg) {
      const floating = old.variant ? old.variant.slice(1) : 'latest';
      const end = old.versionEnd + (old.variant?.length ?? 0);
      fixes.push({ title: `Use the floating tag uv:${floating}`, preferred: false, edits: retag(ctx.file, old, end, floating) });
    }
    return fixes;
  },
});
