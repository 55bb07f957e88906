import { createHash } from 'node:crypto';
import {
  CompactRange,
  consistencyProofRanges,
  inclusionProofRanges,
  rangeHash,
  verifyConsistency,
  verifyInclusion,
  hashLeaf,
  type NodeCoord,
} from './index';

// An independent, deliberately naive MTH straight from RFC 9162 §2.1.1, to judge the library by.
const sha = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest();
function mth(leaves: Buffer[]): Buffer {
  if (leaves.length === 0) return sha();
  if (leaves.length === 1) return sha(Buffer.from([0]), leaves[0]);
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return sha(Buffer.from([1]), mth(leaves.slice(0, k)), mth(leaves.slice(k)));
}

const leavesOf = (n: number) => Array.from({ length: n }, (_, i) => Buffer.from(`leaf-${i}`));

/** A tree built with CompactRange, keeping every node it reports, as the ledger stores them. */
function build(leaves: Buffer[]) {
  const range = CompactRange.empty();
  const nodes = new Map<string, Buffer>();
  leaves.forEach((leaf, i) => {
    const h = hashLeaf(leaf);
    nodes.set(`0/${i}`, h);
    for (const n of range.append(h)) nodes.set(`${n.level}/${n.index}`, n.hash);
  });
  const lookup = (c: NodeCoord) => {
    const h = nodes.get(`${c.level}/${c.index}`);
    if (!h) throw new Error(`node ${c.level}/${c.index} not stored`);
    return h;
  };
  return { range, lookup };
}

describe('RFC 9162 Merkle tree', () => {
  // Published RFC 6962 test vectors (certificate-transparency-go / transparency-dev testdata).
  const vectorLeaves = [
    '',
    '00',
    '10',
    '2021',
    '3031',
    '40414243',
    '5051525354555657',
    '606162636465666768696a6b6c6d6e6f',
  ].map((h) => Buffer.from(h, 'hex'));
  const vectorRoots = [
    '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
    'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
    'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
    'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
    '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
    'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
    '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
  ];

  it('matches the published RFC 6962 roots for 1..8 leaves', () => {
    const range = CompactRange.empty();
    vectorLeaves.forEach((leaf, i) => {
      range.append(hashLeaf(leaf));
      expect(range.root().toString('hex')).toBe(vectorRoots[i]);
    });
  });

  it('computes the same root as the naive definition for every size up to 70, appending incrementally', () => {
    const leaves = leavesOf(70);
    const range = CompactRange.empty();
    for (let n = 1; n <= 70; n++) {
      range.append(hashLeaf(leaves[n - 1]));
      expect(range.root()).toEqual(mth(leaves.slice(0, n)));
    }
  });

  it('resumes from a stored frontier', () => {
    const leaves = leavesOf(45);
    const { range } = build(leaves.slice(0, 37));
    const resumed = CompactRange.fromFrontier(37, range.frontier());
    for (const leaf of leaves.slice(37)) resumed.append(hashLeaf(leaf));
    expect(resumed.root()).toEqual(mth(leaves));
  });

  it('builds inclusion proofs from stored nodes that verify, and fail for a wrong leaf or root', () => {
    const leaves = leavesOf(33);
    const { lookup } = build(leaves);
    for (let n = 1; n <= 33; n++) {
      const root = mth(leaves.slice(0, n));
      for (let m = 0; m < n; m++) {
        const proof = inclusionProofRanges(m, n).map((r) => rangeHash(r, lookup));
        expect(verifyInclusion(m, n, hashLeaf(leaves[m]), proof, root)).toBe(true);
        expect(verifyInclusion(m, n, hashLeaf(Buffer.from('forged')), proof, root)).toBe(false);
        if (m + 1 < n) expect(verifyInclusion(m + 1, n, hashLeaf(leaves[m]), proof, root)).toBe(false);
      }
    }
  });

  it('builds consistency proofs that verify, and fail against a different history', () => {
    const leaves = leavesOf(33);
    const { lookup } = build(leaves);
    for (let n = 1; n <= 33; n++) {
      for (let m = 1; m <= n; m++) {
        const proof = consistencyProofRanges(m, n).map((r) => rangeHash(r, lookup));
        const [rm, rn] = [mth(leaves.slice(0, m)), mth(leaves.slice(0, n))];
        expect(verifyConsistency(m, n, rm, rn, proof)).toBe(true);
        const forked = mth([...leaves.slice(0, m - 1), Buffer.from('fork')]);
        if (m < n) expect(verifyConsistency(m, n, forked, rn, proof)).toBe(false);
      }
    }
  });

  it('keeps proofs at ceil(log2 n) hashes or fewer', () => {
    expect(inclusionProofRanges(0, 1)).toHaveLength(0);
    expect(inclusionProofRanges(5, 1_000_000).length).toBeLessThanOrEqual(20);
    expect(consistencyProofRanges(3, 7).length).toBeLessThanOrEqual(4);
  });
});
