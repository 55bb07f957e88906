import { hashChildren } from './rfc9162-hash';
import { isPowerOfTwo } from './tree-geometry';

/**
 * Proof verification exactly as RFC 9162 §2.1.3.2 (inclusion) and §2.1.4.2 (consistency). These
 * need nothing but the hashes, so anyone holding a signed checkpoint can check them offline.
 */
export function rootFromInclusionProof(
  leafIndex: number,
  treeSize: number,
  leafHash: Buffer,
  proof: Buffer[],
): Buffer {
  if (!(leafIndex >= 0 && leafIndex < treeSize)) throw new ProofError('leaf index out of range');
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r = leafHash;
  for (const p of proof) {
    if (sn === 0) throw new ProofError('inclusion proof too long');
    if (fn % 2 === 1 || fn === sn) {
      r = hashChildren(p, r);
      // On the right border: climb until fn is odd (a left sibling exists) or the root is reached.
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      r = hashChildren(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  if (sn !== 0) throw new ProofError('inclusion proof too short');
  return r;
}

export function verifyInclusion(
  leafIndex: number,
  treeSize: number,
  leafHash: Buffer,
  proof: Buffer[],
  root: Buffer,
): boolean {
  try {
    return rootFromInclusionProof(leafIndex, treeSize, leafHash, proof).equals(root);
  } catch (err) {
    if (err instanceof ProofError) return false;
    throw err;
  }
}

export function verifyConsistency(
  first: number,
  second: number,
  firstRoot: Buffer,
  secondRoot: Buffer,
  proof: Buffer[],
): boolean {
  if (!(first > 0 && first <= second)) return false;
  if (first === second) return proof.length === 0 && firstRoot.equals(secondRoot);
  if (proof.length === 0) return false;
  const path = isPowerOfTwo(first) ? [firstRoot, ...proof] : proof;
  let fn = first - 1;
  let sn = second - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = path[0];
  let sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = hashChildren(c, fr);
      sr = hashChildren(c, sr);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      sr = hashChildren(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && fr.equals(firstRoot) && sr.equals(secondRoot);
}

export class ProofError extends Error {}
