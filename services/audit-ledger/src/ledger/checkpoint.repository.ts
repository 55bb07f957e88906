import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { LedgerTables, Sql } from './ledger-tables';
import { LEDGER_TABLES } from './ledger.tokens';

export interface StoredCheckpoint {
  treeSize: number;
  rootHash: Buffer;
  note: string;
}

const fromRow = (r: { tree_size: string; root_hash: Buffer; note: string }): StoredCheckpoint => ({
  treeSize: Number(r.tree_size),
  rootHash: r.root_hash,
  note: r.note,
});

/** Reads signed checkpoints. */
@Injectable()
export class CheckpointRepository {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(LEDGER_TABLES) private readonly t: LedgerTables,
  ) {}

  async latest(sql: Sql = this.dataSource): Promise<StoredCheckpoint | null> {
    const [row] = await sql.query(
      `SELECT tree_size, root_hash, note FROM ${this.t.checkpoints} ORDER BY tree_size DESC LIMIT 1`,
    );
    return row ? fromRow(row) : null;
  }

  async at(treeSize: number, sql: Sql = this.dataSource): Promise<StoredCheckpoint | null> {
    const [row] = await sql.query(
      `SELECT tree_size, root_hash, note FROM ${this.t.checkpoints} WHERE tree_size = $1`,
      [treeSize],
    );
    return row ? fromRow(row) : null;
  }

  /** Checkpoints with start < tree_size <= end, ascending. */
  async between(start: number, end: number, sql: Sql = this.dataSource): Promise<StoredCheckpoint[]> {
    const rows = await sql.query(
      `SELECT tree_size, root_hash, note FROM ${this.t.checkpoints} WHERE tree_size > $1 AND tree_size <= $2 ORDER BY tree_size`,
      [start, end],
    );
    return rows.map(fromRow);
  }
}
