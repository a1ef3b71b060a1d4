// How V8 trades memory for speed in the language server. The server lives as long as the editor,
// idle most of the time, next to the editor's own processes: while its heap is small V8 is asked
// to favour memory. `--optimize-for-size` gives less headroom and earlier collections; while a
// workspace is read and linted, a semi-space growth factor of 1 keeps the young generation at its
// starting size (1 MB a semi-space) instead of letting it double up to 8 or 16 MB: those pages
// stayed resident until the memory reducer ran after some 10 idle seconds, and were most of the
// spread between indexings (the corpus: 101 MB (87-102) resident after indexing, 85-88 MB with
// the young generation kept small, the same CPU time). With a large heap the same policy collects
// it again and again while a workspace is indexed (10,000 files took 14 s instead of 7, and the
// time grew faster than the workspace), so past LARGE_HEAP V8 keeps its defaults (10,000 files:
// 4.5 s, 357 MB). V8 reads both flags as it goes, so this holds however the server was started.

import { getHeapStatistics, setFlagsFromString } from 'node:v8';

const MB = 2 ** 20;
/** Heap in use above which speed is favoured again, and below which memory is favoured again. */
const LARGE_HEAP = 128 * MB;
const SMALL_HEAP = 96 * MB;
/** Heap in use below which bulk work keeps the young generation small. */
const YOUNG_KEPT_BELOW = 64 * MB;
/** V8's default: the young generation doubles after a collection where much of it survived. */
const DEFAULT_SEMI_SPACE_GROWTH = 2;

let lean: boolean | undefined;
let youngKept: boolean | undefined;

/**
 * Favours memory while the heap is small and speed once it is large; cheap enough to call often.
 * `bulk`: a whole workspace is being linted, whose parses mostly outlive the young generation, so
 * growing it would buy nothing; an edit's garbage mostly dies young, so there it may grow as V8
 * sees fit (a young generation held at 1 MB doubled the collection time per edit). Past
 * YOUNG_KEPT_BELOW it may grow in bulk work too: held small through 10,000 files, indexing took
 * 8.6-9.0 s instead of 5-7 (and grew faster than the workspace).
 */
export function followHeap(bulk = false): void {
  const used = getHeapStatistics().used_heap_size;
  const wanted = lean === false ? used < SMALL_HEAP : used < LARGE_HEAP;
  if (wanted !== lean) {
    lean = wanted;
    setFlagsFromString(lean ? '--optimize-for-size' : '--no-optimize-for-size');
  }
  const keepYoung = bulk && used < YOUNG_KEPT_BELOW;
  if (keepYoung === youngKept) return;
  youngKept = keepYoung;
  setFlagsFromString(`--semi-space-growth-factor=${keepYoung ? 1 : DEFAULT_SEMI_SPACE_GROWTH}`);
}
