import type { IndexedView } from './offline-index-cache';
import type { PitLookup, PitResult } from './offline-store.reader';

/**
 * The point-in-time rule over a view's index and the rows past its frontier, entity row by entity
 * row: a binary search each, so neither de-duplicating the rows nor sorting them pays here.
 */
export function lookupIndexed(l: PitLookup, asOf: number | null, v: IndexedView): PitResult {
  const n = l.keys.length;
  const held = new Int32Array(n).fill(-1); // the index's row for entity row i
  const past = new Int32Array(n).fill(-1); // or the tail's, when it wins
  const fromTail = new Uint8Array(n);
  const fromIndex = new Uint8Array(n);
  const batches = new Set<string>();
  const bounds = { ttlMicros: l.ttlMicros, asOf, maxSeq: v.frontier };
  const tailBounds = { ttlMicros: l.ttlMicros, asOf, maxSeq: Number.MAX_SAFE_INTEGER };
  for (let i = 0; i < n; i++) {
    const p = v.index.find(l.keys[i], l.ts[i], bounds);
    const q = v.tail.rows > 0 ? v.tail.find(l.keys[i], l.ts[i], tailBounds) : -1;
    if (q >= 0 && (p < 0 || v.tail.laterThan(q, v.index, p))) {
      past[i] = q;
      fromTail[i] = 1;
      batches.add(v.tail.batchOf(q));
    } else {
      held[i] = p;
      fromIndex[i] = 1;
      if (p >= 0) batches.add(v.index.batchOf(p));
    }
  }
  return {
    column: (feature) => {
      const column = new Array<unknown>(n);
      v.index.gather(feature, held, column, fromIndex);
      if (v.tail.rows > 0) v.tail.gather(feature, past, column, fromTail);
      return column;
    },
    batches,
  };
}
