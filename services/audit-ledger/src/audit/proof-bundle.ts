import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { hashLeaf, inclusionProofRanges } from '@provenant/merkle';
import { CheckpointRepository } from '../ledger/checkpoint.repository';
import { MerkleNodeStore } from '../ledger/merkle-node-store';

/** An RFC 9162 inclusion proof of one leaf against the bundle's checkpoint. */
export interface LeafProof {
  leafIndex: number;
  treeSize: number;
  leafHash: string;
  /** §2.1.3.1 order, lowercase hex. */
  hashes: string[];
}

export interface ProofBundle {
  checkpoint: { treeSize: number; rootHash: string; note: string };
  /** Null for leaves the checkpoint does not cover yet (appended after it was signed). */
  proofs: Map<number, LeafProof | null>;
}

/**
 * Inclusion proofs for many leaves against the latest signed checkpoint, from one read of the
 * stored nodes: what makes every line of a trail export and every claim of a report checkable
 * offline with the public key alone (`npx provenant ledger verify --proof`).
 */
@Injectable()
export class ProofBundler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: MerkleNodeStore,
    private readonly checkpoints: CheckpointRepository,
  ) {}

  async prove(leaves: { leafIndex: number; leaf: Buffer }[]): Promise<ProofBundle> {
    const cp = await this.checkpoints.latest();
    if (!cp) throw new NotFoundException('no checkpoint signed yet');
    const covered = [...new Map(leaves.map((l) => [l.leafIndex, l])).values()].filter(
      (l) => l.leafIndex < cp.treeSize,
    );
    const ranges = covered.map((l) => inclusionProofRanges(l.leafIndex, cp.treeSize));
    const hashes = await this.store.rangeHashes(this.dataSource, ranges.flat());
    const proofs = new Map<number, LeafProof | null>(leaves.map((l) => [l.leafIndex, null]));
    let at = 0;
    covered.forEach((l, i) => {
      const path = hashes.slice(at, at + ranges[i].length).map((h) => h.toString('hex'));
      at += ranges[i].length;
      proofs.set(l.leafIndex, {
        leafIndex: l.leafIndex,
        treeSize: cp.treeSize,
        leafHash: hashLeaf(l.leaf).toString('hex'),
        hashes: path,
      });
    });
    return {
      checkpoint: { treeSize: cp.treeSize, rootHash: cp.rootHash.toString('hex'), note: cp.note },
      proofs,
    };
  }
}
