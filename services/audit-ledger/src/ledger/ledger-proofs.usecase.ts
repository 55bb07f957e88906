import { BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { LedgerTables } from './ledger-tables';
import { LEDGER_TABLES } from './ledger.tokens';
import { CheckpointRepository } from './checkpoint.repository';
import { MerkleNodeStore } from './merkle-node-store';

export interface InclusionProof {
  leafIndex: number;
  treeSize: number;
  eventId: string;
  leafHash: string;
  rootHash: string;
  /** RFC 9162 §2.1.3.1 order: from the leaf's sibling up to the root's child. */
  hashes: string[];
  /** The signed checkpoint at `treeSize`, when there is one (the default treeSize always has one). */
  checkpoint: string | null;
}

export interface ConsistencyProof {
  first: number;
  second: number;
  firstRootHash: string;
  secondRootHash: string;
  hashes: string[];
}

const hex = (b: Buffer) => b.toString('hex');

/**
 * RFC 9162 proofs from the stored nodes, in one read-only snapshot. The tree size defaults to the
 * latest signed checkpoint, so a proof can be checked against a signature with no further call.
 */
@Injectable()
export class LedgerProofsUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: MerkleNodeStore,
    private readonly checkpoints: CheckpointRepository,
    @Inject(LEDGER_TABLES) private readonly t: LedgerTables,
  ) {}

  async inclusion(q: { leafIndex?: number; eventId?: string; treeSize?: number }): Promise<InclusionProof> {
    if ((q.leafIndex === undefined) === (q.eventId === undefined))
      throw new BadRequestException('give exactly one of leafIndex or eventId');
    const [leaf] = await this.dataSource.query(
      `SELECT leaf_index, event_id, leaf_hash FROM ${this.t.leaves} WHERE ${q.eventId ? 'event_id = $1::uuid' : 'leaf_index = $1'}`,
      [q.eventId ?? q.leafIndex],
    );
    if (!leaf)
      throw new NotFoundException(
        q.eventId ? `no leaf for eventId ${q.eventId}` : `no leaf at leafIndex ${q.leafIndex}`,
      );
    const leafIndex = Number(leaf.leaf_index);
    const treeSize = await this.resolveTreeSize(q.treeSize);
    if (leafIndex >= treeSize)
      throw new BadRequestException(
        `treeSize ${treeSize} does not include leafIndex ${leafIndex} (not yet checkpointed?)`,
      );
    const [hashes, root, checkpoint] = await Promise.all([
      this.store.inclusionProof(this.dataSource, leafIndex, treeSize),
      this.store.root(this.dataSource, treeSize),
      this.checkpoints.at(treeSize),
    ]);
    return {
      leafIndex,
      treeSize,
      eventId: leaf.event_id,
      leafHash: hex(leaf.leaf_hash),
      rootHash: hex(root),
      hashes: hashes.map(hex),
      checkpoint: checkpoint?.note ?? null,
    };
  }

  async consistency(q: { first: number; second?: number }): Promise<ConsistencyProof> {
    const second = await this.resolveTreeSize(q.second, 'second');
    if (q.first < 1 || q.first > second)
      throw new BadRequestException(`first must be between 1 and second (${second})`);
    const [hashes, firstRoot, secondRoot] = await Promise.all([
      this.store.consistencyProof(this.dataSource, q.first, second),
      this.store.root(this.dataSource, q.first),
      this.store.root(this.dataSource, second),
    ]);
    return {
      first: q.first,
      second,
      firstRootHash: hex(firstRoot),
      secondRootHash: hex(secondRoot),
      hashes: hashes.map(hex),
    };
  }

  private async resolveTreeSize(requested: number | undefined, field = 'treeSize'): Promise<number> {
    const size = await this.store.treeSize(this.dataSource);
    if (requested !== undefined) {
      if (requested > size)
        throw new BadRequestException(`${field} ${requested} exceeds the tree size ${size}`);
      return requested;
    }
    const latest = await this.checkpoints.latest();
    if (!latest) throw new NotFoundException('no checkpoint signed yet');
    return latest.treeSize;
  }
}
