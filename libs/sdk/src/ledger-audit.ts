import {
  CompactRange,
  hashLeaf,
  noteVerifierFromKey,
  openNote,
  parseCheckpoint,
  verifyConsistency,
  verifyInclusion,
  type Checkpoint,
} from '@provenant/merkle';

/**
 * Offline checks of what an audit-ledger serves, trusting nothing but the verifier key: every
 * function here works on data already in hand, so the same code checks files and live answers.
 */
export interface Check {
  what: string;
  ok: boolean;
  detail?: string;
}

export interface InclusionProofJson {
  leafIndex: number;
  treeSize: number;
  /** The leaf bytes (base64), or only its hash when the leaf is not at hand. */
  leaf?: string;
  leafHash?: string;
  hashes: string[];
}

const hex = (h: string) => Buffer.from(h, 'hex');

/** Opens a signed checkpoint with the key; throws with the reason when it does not verify. */
export function openCheckpoint(note: string, verifierKey: string): Checkpoint {
  return parseCheckpoint(openNote(note, noteVerifierFromKey(verifierKey)));
}

export function checkInclusion(proof: InclusionProofJson, checkpoint: Checkpoint): Check {
  const what = `leaf ${proof.leafIndex} is in the tree of ${checkpoint.treeSize}`;
  if (proof.treeSize !== checkpoint.treeSize)
    return {
      what,
      ok: false,
      detail: `proof is for tree size ${proof.treeSize}, checkpoint is ${checkpoint.treeSize}`,
    };
  const leafHash =
    proof.leaf !== undefined ? hashLeaf(Buffer.from(proof.leaf, 'base64')) : hex(proof.leafHash ?? '');
  if (proof.leaf !== undefined && proof.leafHash !== undefined && leafHash.toString('hex') !== proof.leafHash)
    return { what, ok: false, detail: 'leafHash is not the hash of leaf' };
  const ok = verifyInclusion(
    proof.leafIndex,
    proof.treeSize,
    leafHash,
    proof.hashes.map(hex),
    checkpoint.rootHash,
  );
  return { what, ok, detail: ok ? undefined : 'proof does not lead to the signed root' };
}

export function checkConsistency(older: Checkpoint, newer: Checkpoint, hashes: string[]): Check {
  const what = `tree ${older.treeSize} is a prefix of tree ${newer.treeSize}`;
  if (older.origin !== newer.origin) return { what, ok: false, detail: 'different log origins' };
  if (older.treeSize === 0) return { what, ok: true };
  const ok = verifyConsistency(
    older.treeSize,
    newer.treeSize,
    older.rootHash,
    newer.rootHash,
    hashes.map(hex),
  );
  return { what, ok, detail: ok ? undefined : 'consistency proof fails: the log was rewritten' };
}

/** Recomputes the root from every leaf (in index order) and compares it with the checkpoint. */
export async function checkFullTree(
  leaves: AsyncIterable<Buffer> | Iterable<Buffer>,
  checkpoint: Checkpoint,
): Promise<Check> {
  const range = CompactRange.empty();
  for await (const leaf of leaves) range.append(hashLeaf(leaf));
  const what = `all ${range.treeSize} leaves hash to the signed root`;
  if (range.treeSize !== checkpoint.treeSize)
    return {
      what,
      ok: false,
      detail: `got ${range.treeSize} leaves, checkpoint covers ${checkpoint.treeSize}`,
    };
  const ok = range.root().equals(checkpoint.rootHash);
  return { what, ok, detail: ok ? undefined : `recomputed root ${range.root().toString('hex')} differs` };
}
