import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { EventMeta } from '@provenant/contracts';
import { EventCodec } from '@provenant/events';
import type { LedgerTables } from '../ledger/ledger-tables';
import { LEDGER_TABLES } from '../ledger/ledger.tokens';

/** A leaf decoded back into its event: `value` is the whole event when this build knows its schema. */
export interface LeafEvent<T = any> {
  leafIndex: number;
  eventId: string;
  eventType: string;
  occurredAt: number;
  meta: EventMeta;
  /** Null for event types this build does not know (only `meta` could be read). */
  value: T | null;
  leaf: Buffer;
}

const COLUMNS = 'leaf_index, event_id, event_type, occurred_at, leaf';

/**
 * Reads events back from the log itself (the leaf bytes are the events): the ledger keeps no
 * second, mutable copy, so every answer built from these is provable leaf by leaf.
 */
@Injectable()
export class LeafEventReader {
  private readonly codec = EventCodec.fromContracts();

  constructor(
    private readonly dataSource: DataSource,
    @Inject(LEDGER_TABLES) private readonly t: LedgerTables,
  ) {}

  /** Events about a subject (`<kind>:<id>`), in log order, optionally of some types only. */
  async bySubject(
    subject: string,
    treeSize: number,
    opts: { types?: string[]; after?: number; limit?: number } = {},
  ): Promise<LeafEvent[]> {
    const rows = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM ${this.t.leaves}
        WHERE subject = $1 AND leaf_index < $2 AND leaf_index > $3
          AND ($4::text[] IS NULL OR event_type = ANY($4::text[]))
        ORDER BY leaf_index LIMIT $5`,
      [subject, treeSize, opts.after ?? -1, opts.types ?? null, opts.limit ?? 10_000],
    );
    return rows.map((r: any) => this.decode(r));
  }

  /** Events of some types in log order after a leaf index (a page of an export). */
  async byTypes(types: string[], opts: { after: number; limit: number }): Promise<LeafEvent[]> {
    const rows = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM ${this.t.leaves}
        WHERE leaf_index > $1 AND event_type = ANY($2::text[]) ORDER BY leaf_index LIMIT $3`,
      [opts.after, types, opts.limit],
    );
    return rows.map((r: any) => this.decode(r));
  }

  async byIndexes(indexes: number[]): Promise<LeafEvent[]> {
    if (indexes.length === 0) return [];
    const rows = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM ${this.t.leaves} WHERE leaf_index = ANY($1::bigint[]) ORDER BY leaf_index`,
      [indexes],
    );
    return rows.map((r: any) => this.decode(r));
  }

  async treeSize(): Promise<number> {
    const [row] = await this.dataSource.query(
      `SELECT coalesce(max(leaf_index) + 1, 0) AS n FROM ${this.t.leaves}`,
    );
    return Number(row.n);
  }

  private decode(r: {
    leaf_index: string;
    event_id: string;
    event_type: string;
    occurred_at: string;
    leaf: Buffer;
  }): LeafEvent {
    const base = {
      leafIndex: Number(r.leaf_index),
      eventId: r.event_id,
      eventType: r.event_type,
      occurredAt: Number(r.occurred_at),
      leaf: r.leaf,
    };
    try {
      const { value } = this.codec.decode(r.leaf);
      return { ...base, meta: value.meta, value };
    } catch {
      // A type this build was not made with: its metadata is still readable (docs/events.md).
      return { ...base, meta: this.codec.decodeMeta(r.leaf).meta, value: null };
    }
  }
}
