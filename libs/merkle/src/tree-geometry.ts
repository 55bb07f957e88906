/**
 * Where RFC 9162 trees split, as coordinates of stored nodes. A node (level, index) is the perfect
 * subtree over leaves [index·2^level, (index+1)·2^level); level 0 is a leaf hash. Proofs name
 * ranges of leaves whose MTH they need; each range is a fold of perfect nodes, so a log that
 * stores every completed perfect node answers any proof with O(log n) lookups.
 */
export interface NodeCoord {
  level: number;
  index: number;
}

/** A half-open range of leaf indexes [start, end). */
export interface LeafRange {
  start: number;
  end: number;
}

/** The largest power of two strictly less than n (n ≥ 2): RFC 9162 §2.1.1's k. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * The perfect subtrees whose right fold is MTH(D[start:end]), largest first. Valid for the ranges
 * RFC 9162's recursions produce: `start` is a multiple of every power of two ≤ the range's k.
 */
export function perfectNodes(range: LeafRange): NodeCoord[] {
  const out: NodeCoord[] = [];
  let start = range.start;
  while (start < range.end) {
    const len = range.end - start;
    const size = isPowerOfTwo(len) ? len : splitPoint(len);
    const level = Math.log2(size);
    out.push({ level, index: start / size });
    start += size;
  }
  return out;
}

/** The perfect subtrees of a tree of `size` leaves: its right edge, one per set bit, largest first. */
export function frontierOf(size: number): NodeCoord[] {
  return perfectNodes({ start: 0, end: size });
}

/** RFC 9162 §2.1.3.1 PATH(m, D[0:n]): the ranges whose hashes form the inclusion proof, bottom-up. */
export function inclusionProofRanges(leafIndex: number, treeSize: number): LeafRange[] {
  if (!(leafIndex >= 0 && leafIndex < treeSize)) throw new RangeError('leafIndex must be < treeSize');
  const path = (m: number, start: number, end: number): LeafRange[] => {
    if (end - start === 1) return [];
    const k = splitPoint(end - start);
    return m < k
      ? [...path(m, start, start + k), { start: start + k, end }]
      : [...path(m - k, start + k, end), { start, end: start + k }];
  };
  return path(leafIndex, 0, treeSize);
}

/** RFC 9162 §2.1.4.1 PROOF(m, D[0:n]) via SUBPROOF: the ranges of a consistency proof. */
export function consistencyProofRanges(first: number, second: number): LeafRange[] {
  if (!(first > 0 && first <= second)) throw new RangeError('need 0 < first <= second');
  const sub = (m: number, start: number, end: number, whole: boolean): LeafRange[] => {
    if (m === end - start) return whole ? [] : [{ start, end }];
    const k = splitPoint(end - start);
    return m <= k
      ? [...sub(m, start, start + k, whole), { start: start + k, end }]
      : [...sub(m - k, start + k, end, false), { start, end: start + k }];
  };
  return sub(first, 0, second, true);
}

// Arithmetic, not bit operators, throughout: sizes may exceed 2^31.
export function isPowerOfTwo(n: number): boolean {
  if (!(n >= 1)) return false;
  while (n > 1 && n % 2 === 0) n /= 2;
  return n === 1;
}

export const coordKey = (c: NodeCoord) => `${c.level}/${c.index}`;
