import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventContext } from '@provenant/events';
import { BinaryCopyWriter, copyInBinary } from '@provenant/platform';
import type { EventMeta } from '@provenant/contracts';
import { hashLeaf, type StoredNode } from '@provenant/merkle';
import { APPEND_LOCK, type LedgerTables, type Sql } from './ledger-tables';
import { LEDGER_TABLES } from './ledger.tokens';
import { eventTypeFromCeType, UNKNOWN_EVENT_TYPE } from './ledger-wire-format';
import { MerkleNodeStore } from './merkle-node-store';
import { LineageRecorder } from '../lineage/lineage-recorder';

export interface ConsumedEvent {
  event: { meta: EventMeta };
  ctx: EventContext;
}

/**
 * Appends consumed events to the log, in consumption order, in the consumer's transaction for the
 * chunk; a unique index on event_id keeps redeliveries from adding a second leaf. The leaf is the event's
 * exact single-object bytes; only the O(log n) right edge is read and only new nodes are written.
 */
@Injectable()
export class AppendEventsUseCase {
  constructor(
    @Inject(LEDGER_TABLES) private readonly t: LedgerTables,
    private readonly store: MerkleNodeStore,
    private readonly lineage: LineageRecorder,
  ) {}

  /** Returns the tree size after the append. */
  async execute(sql: EntityManager, consumed: ConsumedEvent[]): Promise<number> {
    // Serialises appenders across instances: leaf indexes are dense and the frontier is exact.
    await sql.query('SELECT pg_advisory_xact_lock($1)', [APPEND_LOCK]);
    const size = await this.store.treeSize(sql);
    const distinct = withoutCopies(consumed);
    // Optimistic: events are almost always new, so the chunk is appended without first looking
    // up its ids (that probe was ~10% of consume time). A redelivered id then fails the COPY on
    // the event_id unique index; the savepoint undoes this attempt and the ids are looked up.
    await sql.query('SAVEPOINT append_fresh');
    try {
      return await this.appendAt(sql, size, distinct);
    } catch (err) {
      if (!isDuplicateEventId(err)) throw err;
      await sql.query('ROLLBACK TO SAVEPOINT append_fresh');
      return this.appendAt(sql, size, await this.withoutRecorded(sql, distinct));
    }
  }

  private async appendAt(sql: EntityManager, size: number, fresh: ConsumedEvent[]): Promise<number> {
    if (fresh.length === 0) return size;
    const range = await this.store.compactRange(sql, size);
    const nodes: StoredNode[] = [];
    // COPY in binary form: an INSERT from arrays took 40-60 ms per 1,000 leaves, all of it
    // inside the append lock, and COPY's text form spent most of its time on the leaves' hex.
    // Rows are hashed as they are encoded, so the hashing overlaps PostgreSQL's work on the rows
    // already sent; the interior nodes they complete are written after the leaves.
    const leafRows = function* (this: AppendEventsUseCase) {
      const w = new BinaryCopyWriter();
      for (let i = 0; i < fresh.length; i++) {
        const { event, ctx } = fresh[i];
        const leafHash = hashLeaf(ctx.raw);
        for (const n of range.append(leafHash)) nodes.push(n);
        const { meta } = event;
        w.row(10)
          .bigint(size + i)
          .uuid(meta.eventId)
          .text(this.eventTypeOf(fresh[i]))
          .text(`${meta.subject.kind}:${meta.subject.id}`)
          .bigint(meta.occurredAt)
          .bytea(ctx.raw)
          .bytea(leafHash)
          .text(ctx.topic)
          .int(ctx.partition)
          .bigint(Number(ctx.offset));
        yield* w.take();
      }
      yield* w.take(true);
    };
    await copyInBinary(
      sql,
      `${this.t.leaves} (leaf_index, event_id, event_type, subject, occurred_at, leaf, leaf_hash, topic, kafka_partition, kafka_offset)`,
      leafRows.call(this),
    );
    if (nodes.length > 0) {
      const w = new BinaryCopyWriter();
      for (const n of nodes) w.row(3).smallint(n.level).bigint(n.index).bytea(n.hash);
      await copyInBinary(sql, `${this.t.nodes} (level, idx, hash)`, w.take(true));
    }
    await this.lineage.record(
      sql,
      fresh.map((c, i) => ({ leafIndex: size + i, meta: c.event.meta })),
    );
    return size + fresh.length;
  }

  private eventTypeOf({ ctx }: ConsumedEvent): string {
    if (ctx.eventType !== UNKNOWN_EVENT_TYPE) return ctx.eventType;
    return eventTypeFromCeType(ctx.headers['ce_type']) ?? UNKNOWN_EVENT_TYPE;
  }

  /** Drops events already in the log (e.g. a replay under another consumer group). */
  private async withoutRecorded(sql: Sql, consumed: ConsumedEvent[]): Promise<ConsumedEvent[]> {
    const ids = consumed.map((c) => c.event.meta.eventId.toLowerCase());
    const rows: { event_id: string }[] = await sql.query(
      `SELECT event_id FROM ${this.t.leaves} WHERE event_id = ANY($1::uuid[])`,
      [ids],
    );
    const seen = new Set(rows.map((r) => r.event_id));
    return consumed.filter((_, i) => !seen.has(ids[i]));
  }
}

/** Second copies of an event id within the chunk dropped: exactly one leaf per event id. */
function withoutCopies(consumed: ConsumedEvent[]): ConsumedEvent[] {
  const seen = new Set<string>();
  return consumed.filter((c) => {
    const id = c.event.meta.eventId.toLowerCase();
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/** The COPY of leaves hit an event id already in the log (the unique index on event_id). */
function isDuplicateEventId(err: unknown): boolean {
  const e = err as { code?: string; constraint?: string };
  return e.code === '23505' && (e.constraint ?? '').includes('event_id');
}
