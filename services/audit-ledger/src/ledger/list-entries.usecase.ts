import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { LedgerTables } from './ledger-tables';
import { LEDGER_TABLES } from './ledger.tokens';

export interface LedgerEntry {
  leafIndex: number;
  eventId: string;
  /** Lowercase hex of SHA-256(0x00 || leaf). */
  leafHash: string;
  /** Base64 of the exact leaf bytes (the event's single-object encoding). */
  leaf: string;
}

@Injectable()
export class ListEntriesUseCase {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(LEDGER_TABLES) private readonly t: LedgerTables,
  ) {}

  async execute(start: number, limit: number): Promise<{ entries: LedgerEntry[] }> {
    const rows = await this.dataSource.query(
      `SELECT leaf_index, event_id, leaf_hash, leaf FROM ${this.t.leaves}
        WHERE leaf_index >= $1 AND leaf_index < $1::bigint + $2 ORDER BY leaf_index`,
      [start, limit],
    );
    return {
      entries: rows.map((r: any) => ({
        leafIndex: Number(r.leaf_index),
        eventId: r.event_id,
        leafHash: r.leaf_hash.toString('hex'),
        leaf: r.leaf.toString('base64'),
      })),
    };
  }
}
