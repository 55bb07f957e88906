import type { IndexedView } from './offline-index-cache';
import type { PitLookup, PitResult } from './offline-store.reader';

/**
 * The point-in-time rule over a view's index and the rows past its frontier, entity row by entity
 * row: a binary search each, so neither de-duplicating the rows nor sorting them pays here.
 */
export function lookupIndexed(l: PitLookup, asOf: number | null, v: IndexedView): PitResult {
  const n = l.keys.length;
  const at = new Int32Array(n).fill(-1);
  const inTail = new Uint8Array(n);
  const batches = new Set<string>();
  const held = { ttlMicros: l.ttlMicros, asOf, maxSeq: v.frontier };
  const past = { ttlMicros: l.ttlMicros, asOf, maxSeq: Number.MAX_SAFE_INTEGER };
  for (let i = 0; i < n; i++) {
    const p = v.index.find(l.keys[i], l.ts[i], held);
    const q = v.tail.rows > 0 ? v.tail.find(l.keys[i], l.ts[i], past) : -1;
    if (q >= 0 && (p < 0 || v.tail.laterThan(q, v.index, p))) {
      at[i] = q;
      inTail[i] = 1;
    } else at[i] = p;
  }
  for (let i = 0; i < n; i++) if (at[i] >= 0) batches.add((inTail[i] ? v.tail : v.index).batchOf(at[i]));
  return {
    column: (feature) => {
      const [held, past] = [v.index.reader(feature), v.tail.reader(feature)];
      const column = new Array<unknown>(n);
      for (let i = 0; i < n; i++) column[i] = at[i] < 0 ? null : (inTail[i] ? past : held)(at[i]);
      return column;
    },
    batches,
  };
}
