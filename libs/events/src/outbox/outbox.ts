import type { EntityManager } from 'typeorm';
import type { EventMap, EventType } from '@provenant/contracts';
import { currentTraceHeaders } from '../tracing/trace-context';
import { prefixed } from '../topics';
import type { WireFormat } from '../wire-format';
import { quotedSchema } from './events-tables.migration';

export interface OutboxOptions {
  /** The PostgreSQL schema whose outbox this writes to (the service's own). */
  schema: string;
  topicPrefix: string;
}

const COLUMNS = 6;
const ROWS_PER_STATEMENT = Math.floor(65_535 / COLUMNS);

/** event_id, event_type, topic, kafka_key, payload, headers: one outbox row's values. */
export type OutboxRow = readonly [string, string, string, string, Buffer, string];

/** Anything with the shared metadata; the generated contracts give each event its full type. */
export interface OutboxEvent {
  meta: { eventId: string; subject: { id: string } };
}

/**
 * The only way a service publishes: the event row is written in the caller's transaction, so the
 * event exists if and only if the state change committed. The relay does the Kafka side.
 */
export class Outbox {
  private readonly table: string;

  constructor(
    private readonly wire: WireFormat,
    private readonly options: OutboxOptions,
  ) {
    this.table = `${quotedSchema(options.schema)}.outbox`;
  }

  /** Typed by the generated contracts: the event must be exactly the schema's shape. */
  async publish<K extends EventType>(
    manager: EntityManager,
    eventType: K,
    event: EventMap[K],
  ): Promise<void> {
    await this.publishAll(manager, [{ eventType, event }]);
  }

  /** One multi-row INSERT for many events: the path bulk producers (ingest, logging batches) take. */
  async publishAll(
    manager: EntityManager,
    events: { eventType: string; event: OutboxEvent }[],
  ): Promise<void> {
    const trace = currentTraceHeaders();
    await this.insertRows(
      manager,
      events.map(({ eventType, event }) => this.rowOf(eventType, event, trace)),
    );
  }

  /**
   * An event encoded as its outbox row, now, for `insertRows` later: lets a producer that batches
   * (the serving log) spread the encoding over its requests instead of encoding a whole batch in
   * one long turn of the event loop. `trace`: the W3C headers of the span the event belongs to,
   * by default the active one.
   */
  rowOf(eventType: string, event: OutboxEvent, trace = currentTraceHeaders()): OutboxRow {
    return [
      event.meta.eventId,
      eventType,
      prefixed(this.options.topicPrefix, this.wire.topicOf(eventType)),
      event.meta.subject.id,
      this.wire.encode(eventType, event),
      JSON.stringify({ ...this.wire.headersOf(eventType, event), ...trace }),
    ];
  }

  /** Writes rows from `rowOf` in the caller's transaction. */
  async insertRows(manager: EntityManager, rows: OutboxRow[]): Promise<void> {
    if (rows.length === 0) return;
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('Outbox.publish must run inside the transaction that changes the state it reports');
    }
    // Multi-row VALUES (measured faster here than unnest over arrays, whose bytea[] literal
    // PostgreSQL must parse), in statements under PostgreSQL's 65535-parameter limit.
    for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
      const slice = rows.slice(i, i + ROWS_PER_STATEMENT);
      await manager.query(
        `INSERT INTO ${this.table} (event_id, event_type, topic, kafka_key, payload, headers) VALUES ${placeholders(slice.length)}`,
        slice.flat(),
      );
    }
  }
}

/** `($1, …, $6),($7, …, $12),…`: the VALUES of `rows` outbox rows. */
function placeholders(rows: number): string {
  const out: string[] = [];
  for (let r = 0; r < rows; r++) {
    const n = r * COLUMNS;
    out.push(`($${n + 1}, $${n + 2}, $${n + 3}, $${n + 4}, $${n + 5}, $${n + 6})`);
  }
  return out.join(',');
}
