import { BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { LedgerTables } from './ledger-tables';
import { LEDGER_TABLES } from './ledger.tokens';
import { CheckpointRepository } from './checkpoint.repository';
import { MerkleNodeStore } from './merkle-node-store';
import { PreparedSql } from './prepared-sql';

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
 * RFC 9162 proofs from the stored nodes, which never change once written, so separate reads need
 * no common snapshot. The tree size defaults to the latest signed checkpoint, so a proof can be
 * checked against a signature with no further call.
 */
@Injectable()
export class LedgerProofsUseCase {
  /** Every read here has a fixed text: prepared once per connection. */
  private readonly sql: PreparedSql;

  constructor(
    dataSource: DataSource,
    private readonly store: MerkleNodeStore,
    private readonly checkpoints: CheckpointRepository,
    @Inject(LEDGER_TABLES) private readonly t: LedgerTables,
  ) {
    this.sql = new PreparedSql(dataSource);
  }

  async inclusion(q: { leafIndex?: number; eventId?: string; treeSize?: number }): Promise<InclusionProof> {
    if ((q.leafIndex === undefined) === (q.eventId === undefined))
      throw new BadRequestException('give exactly one of leafIndex or eventId');
    // Given both numbers, the nodes are known up front: read beside the leaf rather than after it,
    // a round trip less to wait for. If that read failed (the tree was smaller, or grew meanwhile),
    // it is done again once the checks below passed.
    const early =
      q.leafIndex !== undefined && q.treeSize !== undefined && q.leafIndex < q.treeSize
        ? this.store.inclusionProof(this.sql, q.leafIndex, q.treeSize).catch(() => null)
        : null;
    const found = await this.leafAndCheckpoint(q);
    if (found.leaf_index === null)
      throw new NotFoundException(
        q.eventId ? `no leaf for eventId ${q.eventId}` : `no leaf at leafIndex ${q.leafIndex}`,
      );
    const leafIndex = Number(found.leaf_index);
    let treeSize = q.treeSize;
    if (treeSize === undefined) {
      if (found.checkpoint_size === null) throw new NotFoundException('no checkpoint signed yet');
      treeSize = Number(found.checkpoint_size);
    } else if (treeSize > Number(found.size))
      throw new BadRequestException(`treeSize ${treeSize} exceeds the tree size ${found.size}`);
    if (leafIndex >= treeSize)
      throw new BadRequestException(
        `treeSize ${treeSize} does not include leafIndex ${leafIndex} (not yet checkpointed?)`,
      );
    const { hashes, root } =
      (await early) ?? (await this.store.inclusionProof(this.sql, leafIndex, treeSize));
    return {
      leafIndex,
      treeSize,
      eventId: found.event_id,
      leafHash: hex(found.leaf_hash),
      rootHash: hex(root),
      hashes: hashes.map(hex),
      checkpoint: found.note,
    };
  }

  /** The leaf, the tree size and the checkpoint (the latest, or the one at the requested size). */
  private async leafAndCheckpoint(q: { leafIndex?: number; eventId?: string; treeSize?: number }) {
    const [row]: {
      size: string;
      leaf_index: string | null;
      event_id: string;
      leaf_hash: Buffer;
      checkpoint_size: string | null;
      note: string | null;
    }[] = await this.sql.query(
      `SELECT (SELECT coalesce(max(leaf_index) + 1, 0) FROM ${this.t.leaves}) AS size,
              l.leaf_index, l.event_id, l.leaf_hash, c.tree_size AS checkpoint_size, c.note
         FROM (SELECT) AS one
         LEFT JOIN ${this.t.leaves} l ON ${q.eventId ? 'l.event_id = $1::uuid' : 'l.leaf_index = $1'}
         LEFT JOIN LATERAL (
           SELECT tree_size, note FROM ${this.t.checkpoints}
            ${q.treeSize === undefined ? '' : 'WHERE tree_size = $2'} ORDER BY tree_size DESC LIMIT 1
         ) c ON true`,
      [q.eventId ?? q.leafIndex, ...(q.treeSize === undefined ? [] : [q.treeSize])],
    );
    return row;
  }

  async consistency(q: { first: number; second?: number }): Promise<ConsistencyProof> {
    const second = await this.resolveTreeSize(q.second, 'second');
    if (q.first < 1 || q.first > second)
      throw new BadRequestException(`first must be between 1 and second (${second})`);
    const [hashes, firstRoot, secondRoot] = await Promise.all([
      this.store.consistencyProof(this.sql, q.first, second),
      this.store.root(this.sql, q.first),
      this.store.root(this.sql, second),
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
    const size = await this.store.treeSize(this.sql);
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
