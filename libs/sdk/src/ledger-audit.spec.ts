import {
  CompactRange,
  consistencyProofRanges,
  formatCheckpoint,
  hashLeaf,
  inclusionProofRanges,
  noteSignerFromSeed,
  rangeHash,
} from '@provenant/merkle';
import { checkConsistency, checkFullTree, checkInclusion, openCheckpoint } from './ledger-audit';

const signer = noteSignerFromSeed('test.log', Buffer.alloc(32, 3));
const leaves = Array.from({ length: 11 }, (_, i) => Buffer.from(`event ${i}`));

function tree(n: number) {
  const range = CompactRange.empty();
  const nodes = new Map<string, Buffer>();
  leaves.slice(0, n).forEach((leaf, i) => {
    const h = hashLeaf(leaf);
    nodes.set(`0/${i}`, h);
    for (const node of range.append(h)) nodes.set(`${node.level}/${node.index}`, node.hash);
  });
  const note = signer.sign(
    formatCheckpoint({ origin: 'test.log', treeSize: n, rootHash: range.root(), extensions: [] }),
  );
  return { note, lookup: (c: { level: number; index: number }) => nodes.get(`${c.level}/${c.index}`)! };
}

describe('ledger verify checks', () => {
  const { note, lookup } = tree(11);
  const cp = openCheckpoint(note, signer.verifierKey);

  it('accepts an inclusion proof by leaf bytes or leaf hash, and rejects one for another leaf', () => {
    const hashes = inclusionProofRanges(4, 11).map((r) => rangeHash(r, lookup).toString('hex'));
    expect(
      checkInclusion({ leafIndex: 4, treeSize: 11, leaf: leaves[4].toString('base64'), hashes }, cp).ok,
    ).toBe(true);
    expect(
      checkInclusion(
        { leafIndex: 4, treeSize: 11, leafHash: hashLeaf(leaves[4]).toString('hex'), hashes },
        cp,
      ).ok,
    ).toBe(true);
    expect(
      checkInclusion({ leafIndex: 4, treeSize: 11, leaf: leaves[5].toString('base64'), hashes }, cp),
    ).toMatchObject({
      ok: false,
      detail: 'proof does not lead to the signed root',
    });
  });

  it('rejects a checkpoint signed by another key', () => {
    const other = noteSignerFromSeed('test.log', Buffer.alloc(32, 4));
    expect(() => openCheckpoint(note, other.verifierKey)).toThrow(/no signature/);
  });

  it('recomputes the full tree and notices a missing or changed leaf', async () => {
    expect((await checkFullTree(leaves, cp)).ok).toBe(true);
    expect((await checkFullTree(leaves.slice(0, 10), cp)).ok).toBe(false);
    expect((await checkFullTree([...leaves.slice(0, 10), Buffer.from('forged')], cp)).ok).toBe(false);
  });

  it('proves an older checkpoint is a prefix of a newer one, and not of a rewritten log', () => {
    const older = openCheckpoint(tree(6).note, signer.verifierKey);
    const hashes = consistencyProofRanges(6, 11).map((r) => rangeHash(r, lookup).toString('hex'));
    expect(checkConsistency(older, cp, hashes).ok).toBe(true);
    const forged = { ...older, rootHash: Buffer.alloc(32) };
    expect(checkConsistency(forged, cp, hashes).ok).toBe(false);
  });
});
