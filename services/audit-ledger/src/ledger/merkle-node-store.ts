import { Inject, Injectable } from '@nestjs/common';
import {
  CompactRange,
  consistencyProofRanges,
  coordKey,
  foldRight,
  frontierOf,
  inclusionProofRanges,
  perfectNodes,
  type LeafRange,
  type NodeCoord,
} from '@provenant/merkle';
import { LEDGER_TABLES } from './ledger.tokens';
import type { LedgerTables, Sql } from './ledger-tables';

/**
 * Reads the stored tree: leaf hashes (level 0) and completed perfect nodes (level ≥ 1). Every
 * root and proof is a fold of O(log n) of them, fetched in one round trip.
 */
@Injectable()
export class MerkleNodeStore {
  constructor(@Inject(LEDGER_TABLES) private readonly t: LedgerTables) {}

  async treeSize(sql: Sql): Promise<number> {
    const [row] = await sql.query(`SELECT coalesce(max(leaf_index) + 1, 0) AS n FROM ${this.t.leaves}`);
    return Number(row.n);
  }

  /**
   * At 10M leaves (EXPLAIN ANALYZE) the plan is a nested loop of primary-key probes, one per
   * distinct coordinate, for custom and generic plans alike: no scan grows with the tree.
   */
  async nodes(sql: Sql, coords: NodeCoord[]): Promise<Map<string, Buffer>> {
    const leaves = coords.filter((c) => c.level === 0).map((c) => c.index);
    const inner = coords.filter((c) => c.level > 0);
    const rows: { level: number; idx: string; hash: Buffer }[] = await sql.query(
      `SELECT level, idx, hash FROM ${this.t.nodes}
         WHERE (level, idx) IN (SELECT * FROM unnest($1::smallint[], $2::bigint[]))
       UNION ALL
       SELECT 0, leaf_index, leaf_hash FROM ${this.t.leaves} WHERE leaf_index = ANY($3::bigint[])`,
      [inner.map((c) => c.level), inner.map((c) => c.index), leaves],
    );
    const found = new Map(rows.map((r) => [`${r.level}/${Number(r.idx)}`, r.hash]));
    const missing = coords.find((c) => !found.has(coordKey(c)));
    if (missing) throw new MissingNodeError(missing);
    return found;
  }

  /** The right edge of the tree of `size` leaves, ready for appends. */
  async compactRange(sql: Sql, size: number): Promise<CompactRange> {
    const coords = frontierOf(size);
    const found = await this.nodes(sql, coords);
    return CompactRange.fromFrontier(
      size,
      coords.map((c) => ({ ...c, hash: found.get(coordKey(c))! })),
    );
  }

  /** MTH of each range, in order, from one lookup. */
  async rangeHashes(sql: Sql, ranges: LeafRange[]): Promise<Buffer[]> {
    const perRange = ranges.map(perfectNodes);
    const found = await this.nodes(sql, perRange.flat());
    return perRange.map((coords) => foldRight(coords.map((c) => found.get(coordKey(c))!)));
  }

  async root(sql: Sql, size: number): Promise<Buffer> {
    const [root] = await this.rangeHashes(sql, [{ start: 0, end: size }]);
    return root;
  }

  /** The proof and, from the stored right edge rather than from the proof, the root it folds to. */
  async inclusionProof(
    sql: Sql,
    leafIndex: number,
    treeSize: number,
  ): Promise<{ hashes: Buffer[]; root: Buffer }> {
    const hashes = await this.rangeHashes(sql, [
      ...inclusionProofRanges(leafIndex, treeSize),
      { start: 0, end: treeSize },
    ]);
    return { hashes: hashes.slice(0, -1), root: hashes[hashes.length - 1] };
  }

  consistencyProof(sql: Sql, first: number, second: number): Promise<Buffer[]> {
    return this.rangeHashes(sql, consistencyProofRanges(first, second));
  }
}

export class MissingNodeError extends Error {
  constructor(readonly coord: NodeCoord) {
    super(`stored tree is missing node level ${coord.level} index ${coord.index}`);
  }
}
