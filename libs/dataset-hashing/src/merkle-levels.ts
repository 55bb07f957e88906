import { createHash, hash } from 'node:crypto';

const H = 32;
// RFC 9162 §2.1.1 domain separation: leaves are SHA-256(0x00 || leaf), nodes SHA-256(0x01 || l || r).
const LEAF = Buffer.from([0]);
const NODE = Buffer.from([1]);
// One-shot hashing: for inputs this small, a Hash object's setup costs more than the hashing.
export const leafHash = (leaf: Buffer) => hash('sha256', Buffer.concat([LEAF, leaf]), 'buffer');
const nodeHash = (pair: Buffer) => hash('sha256', Buffer.concat([NODE, pair]), 'buffer');
const EMPTY_ROOT = createHash('sha256').digest();

/** How many nodes each level holds, leaves first: pairs bottom-up, an odd last node moves up as is. */
function levelSizes(n: number): number[] {
  const sizes = [n];
  while (sizes[sizes.length - 1] > 1) sizes.push(Math.ceil(sizes[sizes.length - 1] / 2));
  return sizes;
}

/**
 * Every level of an RFC 9162 Merkle tree (bottom-up pairing gives its shape, left subtrees
 * perfect), kept so the next version of the same directory re-hashes only the paths above the
 * leaves that changed: O(k log n) node hashes for k changed leaves instead of n.
 */
export class MerkleLevels {
  private constructor(private readonly levels: Buffer[]) {}

  get size(): number {
    return this.levels[0].length / H;
  }

  root(): Buffer {
    if (this.size === 0) return EMPTY_ROOT;
    return this.levels[this.levels.length - 1].subarray(0, H);
  }

  /**
   * The tree over `leaves` (n leaf hashes, 32 bytes each, in order). With the previous tree of
   * the same size, only the paths above differing leaves are re-hashed (and with none, the
   * previous tree itself is returned); a different size (a file added or removed shifts every
   * later leaf) rebuilds the n - 1 inner nodes.
   */
  static over(leaves: Buffer, previous?: MerkleLevels | null): { tree: MerkleLevels; nodesHashed: number } {
    const sizes = levelSizes(leaves.length / H);
    if (!previous || previous.size !== sizes[0]) {
      const levels = [Buffer.from(leaves)];
      let hashed = 0;
      for (let j = 1; j < sizes.length; j++) {
        levels.push(Buffer.alloc(sizes[j] * H));
        for (let i = 0; i < sizes[j]; i++) hashed += MerkleLevels.recompute(levels, j, i, sizes);
      }
      return { tree: new MerkleLevels(levels), nodesHashed: hashed };
    }
    const changed: number[] = [];
    for (let at = 0; at < leaves.length; at += H)
      if (leaves.compare(previous.levels[0], at, at + H, at, at + H) !== 0) changed.push(at / H);
    if (changed.length === 0) return { tree: previous, nodesHashed: 0 };
    const levels = previous.levels.map((l) => Buffer.from(l));
    let dirty = new Set<number>();
    for (const i of changed) {
      leaves.copy(levels[0], i * H, i * H, i * H + H);
      dirty.add(i >> 1);
    }
    let hashed = 0;
    for (let j = 1; j < sizes.length && dirty.size > 0; j++) {
      const up = new Set<number>();
      for (const i of dirty) {
        hashed += MerkleLevels.recompute(levels, j, i, sizes);
        up.add(i >> 1);
      }
      dirty = up;
    }
    return { tree: new MerkleLevels(levels), nodesHashed: hashed };
  }

  /** Node i of level j from its children; returns how many hashes that took (0 when promoted). */
  private static recompute(levels: Buffer[], j: number, i: number, sizes: number[]): number {
    const below = levels[j - 1];
    const left = 2 * i * H;
    if (2 * i + 1 >= sizes[j - 1]) {
      below.copy(levels[j], i * H, left, left + H);
      return 0;
    }
    nodeHash(below.subarray(left, left + 2 * H)).copy(levels[j], i * H);
    return 1;
  }

  /** Every level back to back; the leaf count fixes where each level starts. */
  serialize(): Buffer {
    const head = Buffer.alloc(4);
    head.writeUInt32BE(this.size);
    return Buffer.concat([head, ...this.levels]);
  }

  /** The tree `serialize` wrote, or null when the bytes are not one (a stale or torn file). */
  static parse(bytes: Buffer): MerkleLevels | null {
    if (bytes.length < 4) return null;
    const sizes = levelSizes(bytes.readUInt32BE(0));
    if (bytes.length !== 4 + sizes.reduce((a, b) => a + b, 0) * H) return null;
    const levels: Buffer[] = [];
    let at = 4;
    for (const n of sizes) {
      levels.push(bytes.subarray(at, at + n * H));
      at += n * H;
    }
    return new MerkleLevels(levels);
  }
}
