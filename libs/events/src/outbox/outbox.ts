import type { EntityManager } from 'typeorm';
import type { EventMap, EventType } from '@provenant/contracts';
import { currentTraceHeaders } from '../tracing/trace-context';
import { prefixed } from '../topics';
import type { WireFormat } from '../wire-format';

export interface OutboxOptions {
  /** The PostgreSQL schema whose outbox this writes to (the service's own). */
  schema: string;
  topicPrefix: string;
}

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
    this.table = `"${options.schema.replace(/"/g, '')}".outbox`;
  }

  /** Typed by the generated contracts: the event must be exactly the schema's shape. */
  async publish<K extends EventType>(manager: EntityManager, eventType: K, event: EventMap[K]): Promise<void> {
    await this.publishAll(manager, [{ eventType, event }]);
  }

  /** One multi-row INSERT for many events: the path bulk producers (ingest, logging batches) take. */
  async publishAll(
    manager: EntityManager,
    events: { eventType: string; event: OutboxEvent }[],
  ): Promise<void> {
    if (events.length === 0) return;
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('Outbox.publish must run inside the transaction that changes the state it reports');
    }
    const trace = currentTraceHeaders();
    const ids: string[] = [];
    const types: string[] = [];
    const topics: string[] = [];
    const keys: string[] = [];
    const payloads: Buffer[] = [];
    const headers: string[] = [];
    for (const { eventType, event } of events) {
      ids.push(event.meta.eventId);
      types.push(eventType);
      topics.push(prefixed(this.options.topicPrefix, this.wire.topicOf(eventType)));
      keys.push(event.meta.subject.id);
      payloads.push(this.wire.encode(eventType, event));
      headers.push(JSON.stringify({ ...this.wire.headersOf(eventType, event), ...trace }));
    }
    // Column arrays and unnest: six bind parameters whatever the batch size, which PostgreSQL
    // parses far faster than thousands of individual parameters (and has no 65535 limit).
    await manager.query(
      `INSERT INTO ${this.table} (event_id, event_type, topic, kafka_key, payload, headers)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::bytea[], $6::jsonb[])`,
      [ids, types, topics, keys, payloads, headers],
    );
  }
}
