import { createHash } from 'node:crypto';
import { hashChildren } from '@provenant/merkle';
import { MerkleLevels } from './merkle-levels';

const leaf = (s: string) => createHash('sha256').update(s).digest();
const leavesOf = (items: string[]) => Buffer.concat(items.map(leaf));

// RFC 9162 §2.1.1 as the RFC states it: the reference for every shape.
function mth(leaves: Buffer[]): Buffer {
  if (leaves.length === 0) return createHash('sha256').digest();
  if (leaves.length === 1) return leaves[0];
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return hashChildren(mth(leaves.slice(0, k)), mth(leaves.slice(k)));
}

describe(MerkleLevels.name, () => {
  it('builds the RFC 9162 root for every size from 0 to 40', () => {
    for (let n = 0; n <= 40; n++) {
      const items = Array.from({ length: n }, (_, i) => `f${i}`);
      expect(MerkleLevels.over(leavesOf(items)).tree.root()).toEqual(mth(items.map(leaf)));
    }
  });

  it('after k changed leaves re-hashes only their paths and agrees with a full rebuild', () => {
    for (const n of [1, 2, 3, 7, 1000, 10_000]) {
      const items = Array.from({ length: n }, (_, i) => `f${i}`);
      const { tree: before } = MerkleLevels.over(leavesOf(items));
      const edited = [...items];
      const changed = [...new Set([0, n >> 1, n - 1])];
      for (const i of changed) edited[i] = `${edited[i]} v2`;
      const { tree, nodesHashed } = MerkleLevels.over(leavesOf(edited), before);
      expect(tree.root()).toEqual(mth(edited.map(leaf)));
      const depth = Math.ceil(Math.log2(Math.max(n, 1)));
      expect(nodesHashed).toBeLessThanOrEqual(changed.length * depth);
      expect(before.root()).toEqual(mth(items.map(leaf))); // the previous tree is not modified
    }
  });

  it('returns the previous tree untouched when nothing changed, and rebuilds when the size did', () => {
    const items = Array.from({ length: 100 }, (_, i) => `f${i}`);
    const { tree: before } = MerkleLevels.over(leavesOf(items));
    expect(MerkleLevels.over(leavesOf(items), before)).toEqual({ tree: before, nodesHashed: 0 });
    const grown = [...items, 'f100'];
    const { tree, nodesHashed } = MerkleLevels.over(leavesOf(grown), before);
    expect(tree.root()).toEqual(mth(grown.map(leaf)));
    expect(nodesHashed).toBe(100);
  });

  it('round-trips through its file format and rejects bytes that are not one', () => {
    const { tree } = MerkleLevels.over(leavesOf(['a', 'b', 'c']));
    expect(MerkleLevels.parse(tree.serialize())!.root()).toEqual(tree.root());
    expect(MerkleLevels.parse(tree.serialize().subarray(0, 40))).toBeNull();
    expect(MerkleLevels.parse(Buffer.alloc(2))).toBeNull();
  });
});
