import { hashChildren, EMPTY_ROOT } from './rfc9162-hash';
import { frontierOf, perfectNodes, type LeafRange, type NodeCoord } from './tree-geometry';

export interface StoredNode extends NodeCoord {
  hash: Buffer;
}

/**
 * The right edge of a growing RFC 9162 tree: one hash per perfect subtree (one per set bit of the
 * size). Appending a leaf merges equal-sized neighbours, yielding each newly completed node, so an
 * append costs O(log n) hashes and the log never recomputes what it has stored.
 */
export class CompactRange {
  private constructor(
    private size: number,
    private readonly edge: StoredNode[],
  ) {}

  static empty(): CompactRange {
    return new CompactRange(0, []);
  }

  /** From the stored frontier of a tree of `size` leaves (`frontierOf(size)`, largest first). */
  static fromFrontier(size: number, frontier: StoredNode[]): CompactRange {
    const expected = frontierOf(size);
    if (
      frontier.length !== expected.length ||
      frontier.some((n, i) => n.level !== expected[i].level || n.index !== expected[i].index)
    )
      throw new Error(`frontier does not match a tree of ${size} leaves`);
    return new CompactRange(
      size,
      frontier.map((n) => ({ ...n })),
    );
  }

  get treeSize(): number {
    return this.size;
  }

  /** Appends one leaf hash; returns the interior nodes (level ≥ 1) it completed, lowest first. */
  append(leafHash: Buffer): StoredNode[] {
    const completed: StoredNode[] = [];
    let node: StoredNode = { level: 0, index: this.size, hash: leafHash };
    while (this.edge.length > 0 && this.edge[this.edge.length - 1].level === node.level) {
      const left = this.edge.pop()!;
      node = { level: node.level + 1, index: left.index / 2, hash: hashChildren(left.hash, node.hash) };
      completed.push(node);
    }
    this.edge.push(node);
    this.size++;
    return completed;
  }

  /** MTH of the whole tree: the edge folded from the right (RFC 9162 §2.1.1). */
  root(): Buffer {
    return foldRight(this.edge.map((n) => n.hash));
  }

  frontier(): StoredNode[] {
    return this.edge.map((n) => ({ ...n }));
  }
}

/** MTH of a range from the hashes of its perfect nodes (largest first). */
export function foldRight(hashes: Buffer[]): Buffer {
  if (hashes.length === 0) return EMPTY_ROOT;
  let acc = hashes[hashes.length - 1];
  for (let i = hashes.length - 2; i >= 0; i--) acc = hashChildren(hashes[i], acc);
  return acc;
}

/** MTH(D[start:end]) given a lookup of stored perfect nodes. */
export function rangeHash(range: LeafRange, lookup: (c: NodeCoord) => Buffer): Buffer {
  return foldRight(perfectNodes(range).map(lookup));
}
