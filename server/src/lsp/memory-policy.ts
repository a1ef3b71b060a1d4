// How V8 trades memory for speed in the language server. The server lives as long as the editor,
// idle most of the time, next to the editor's own processes: while its heap is small V8 is asked
// to favour memory (`--optimize-for-size`: less headroom, earlier collections), which holds the
// 1,170-file corpus at 98-102 MB resident after indexing instead of 140-195 MB. With a large heap
// the same policy collects it again and again while a workspace is indexed (10,000 files took
// 14 s instead of 7, and the time grew faster than the workspace), so past LARGE_HEAP V8 keeps
// its default (10,000 files: 4.5 s, 357 MB). V8 reads the flag as it goes, so this holds however
// the server was started.

import { getHeapStatistics, setFlagsFromString } from 'node:v8';

const MB = 2 ** 20;
/** Heap in use above which speed is favoured again, and below which memory is favoured again. */
const LARGE_HEAP = 128 * MB;
const SMALL_HEAP = 96 * MB;

let lean: boolean | undefined;

/** Favours memory while the heap is small and speed once it is large; cheap enough to call often. */
export function followHeap(): void {
  const used = getHeapStatistics().used_heap_size;
  const wanted = lean === false ? used < SMALL_HEAP : used < LARGE_HEAP;
  if (wanted === lean) return;
  lean = wanted;
  setFlagsFromString(lean ? '--optimize-for-size' : '--no-optimize-for-size');
}
