import { Client } from 'pg';
import { Partitioners, type Kafka, type Message, type Producer } from 'kafkajs';
import { SpanKind, context, trace, type Span } from '@opentelemetry/api';
import { contextFromHeaders, currentTraceHeaders, eventsTracer } from '../tracing/trace-context';
import { eventsMetrics } from '../metrics';
import type { SchemaCatalog } from '../schemas/schema-catalog';
import { OUTBOX_COLUMNS, quotedSchema } from './events-tables.migration';

export interface OutboxRelayOptions {
  databaseUrl: string;
  schema: string;
  kafka: Kafka;
  batchSize?: number;
  /**
   * Most payload bytes per send (default 900 kB), whatever `batchSize` allows; a row larger than
   * this goes alone. Kafka refuses a record batch over the broker's `message.max.bytes` (1 MB by
   * default), and KafkaJS puts a send's messages for one partition in one record batch.
   */
  maxBatchBytes?: number;
  /** How often an idle relay looks for new rows (an index probe on an empty table). */
  pollIntervalMs?: number;
  log?: (level: 'info' | 'warn' | 'error', msg: string, extra?: Record<string, unknown>) => void;
  /** Announces writer schemas before their first events, for consumers built before them. */
  schemaCatalog?: SchemaCatalog;
  /** Called after each batch is acknowledged and removed from the outbox. */
  onBatch?: (published: number) => void;
}

interface OutboxRow {
  id: string;
  event_type: string;
  topic: string;
  kafka_key: string;
  payload: Buffer;
  headers: string;
  created_at: Date;
}

/** Kafka's MESSAGE_TOO_LARGE (error code 10), as KafkaJS throws it, possibly wrapped. */
function isTooLarge(err: unknown): boolean {
  for (
    let e = err as { type?: string; code?: number; originalError?: unknown; cause?: unknown } | undefined;
    e;
  ) {
    if (e.type === 'MESSAGE_TOO_LARGE' || e.code === 10) return true;
    e = (e.originalError ?? e.cause) as typeof e;
  }
  return false;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Waits until a schema's outbox holds no rows, whichever relay publishes them; for tests and
 * benchmarks. `waiting` hears how many are left, every 5 s while it waits.
 */
export async function untilOutboxEmpty(
  databaseUrl: string,
  schema: string,
  timeoutMs: number,
  waiting?: (left: number) => void,
): Promise<void> {
  const table = `${quotedSchema(schema)}.outbox`;
  const deadline = Date.now() + timeoutMs;
  const probe = new Client({ connectionString: databaseUrl });
  await probe.connect();
  try {
    for (let told = Date.now(); (await probe.query(`SELECT 1 FROM ${table} LIMIT 1`)).rowCount;) {
      if (Date.now() > deadline) throw new Error(`outbox ${table} not drained within ${timeoutMs} ms`);
      if (waiting && Date.now() - told >= 5_000) {
        waiting((await probe.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n);
        told = Date.now();
      }
      await sleep(20);
    }
  } finally {
    await probe.end();
  }
}

/**
 * Moves committed outbox rows to Kafka with the idempotent producer, in id order, and deletes them
 * once the broker acknowledged them. One relay per schema is active at a time (a PostgreSQL
 * advisory lock), which keeps per-key order across instances; the others wait as standbys.
 * A crash between the send and the delete re-sends the batch: consumers drop duplicates by event id.
 */
export class OutboxRelay {
  private readonly table: string;
  private readonly rejectedTable: string;
  private readonly batchSize: number;
  private readonly maxBatchBytes: number;
  private client?: Client;
  private producer?: Producer;
  private running?: Promise<void>;
  private stopping = false;
  private wake?: () => void;
  private readonly published = eventsMetrics.outboxPublished();
  private readonly lag = eventsMetrics.outboxPublishLag();
  private readonly backlog = eventsMetrics.outboxBacklog();
  private readonly rejected = eventsMetrics.outboxRejected();
  /** After a send was refused as too large, rows go one at a time until one is sent. */
  private oneAtATime = false;
  private backlogCountedAt = 0;

  constructor(private readonly options: OutboxRelayOptions) {
    const schema = quotedSchema(options.schema);
    this.table = `${schema}.outbox`;
    this.rejectedTable = `${schema}.outbox_rejected`;
    this.batchSize = options.batchSize ?? 2_000;
    this.maxBatchBytes = options.maxBatchBytes ?? 900_000;
  }

  start(): void {
    this.stopping = false;
    this.running ??= this.loop();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.running;
    this.running = undefined;
  }

  /** Publishes everything currently in the outbox; for tests and benchmarks. */
  drain(timeoutMs = 30_000): Promise<void> {
    return untilOutboxEmpty(this.options.databaseUrl, this.options.schema, timeoutMs);
  }

  private async loop(): Promise<void> {
    let backoffMs = 100;
    while (!this.stopping) {
      try {
        await this.connect();
        if (!(await this.holdsLeadership())) {
          await this.idle(2_000);
          continue;
        }
        const { full } = await this.relayBatch();
        await this.updateBacklog(full);
        backoffMs = 100;
        if (!full) await this.idle(this.options.pollIntervalMs ?? 50);
      } catch (err) {
        this.options.log?.('warn', 'outbox relay: publishing failed, will retry', {
          error: (err as Error).message,
          retryInMs: backoffMs,
        });
        await this.resetDatabase();
        await this.resetProducer();
        await this.idle(backoffMs);
        backoffMs = Math.min(backoffMs * 2, 5_000);
      }
    }
    await this.resetDatabase();
    await this.resetProducer();
  }

  private async connect(): Promise<void> {
    if (!this.client) {
      const client = new Client({ connectionString: this.options.databaseUrl });
      client.on('error', () => void this.resetDatabase());
      await client.connect();
      this.client = client;
    }
    if (!this.producer) {
      // Bounded retries so an outage surfaces here (logged, backed off) instead of hanging inside
      // KafkaJS; the producer is then rebuilt with a fresh producer id, and any batch it may have
      // half-sent is sent again, which consumers absorb by event id.
      const producer = this.options.kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        createPartitioner: Partitioners.DefaultPartitioner,
        retry: { retries: 5, initialRetryTime: 200, maxRetryTime: 3_000 },
      });
      await producer.connect();
      this.producer = producer;
    }
  }

  private async holdsLeadership(): Promise<boolean> {
    const res = await this.client!.query('SELECT pg_try_advisory_lock(hashtext($1)) AS leader', [
      `provenant.outbox.${this.options.schema}`,
    ]);
    return res.rows[0].leader === true;
  }

  /** `full`: the batch stopped at a limit, so more rows may be waiting. */
  private async relayBatch(): Promise<{ full: boolean }> {
    // Rows in id order up to batchSize rows and maxBatchBytes of payload (a larger first row
    // alone): one send of large rows (a served vector of 100 entities is ~200 kB) was refused by
    // the broker as too large, and retried as the same batch forever, which stopped the outbox.
    // `cut`: rows were left out for the byte limit, so more are waiting.
    const { rows } = await this.client!.query<OutboxRow & { cut: boolean }>(
      `WITH b AS (SELECT id, octet_length(payload) AS len,
                         sum(octet_length(payload)) OVER (ORDER BY id ROWS UNBOUNDED PRECEDING) AS upto
                    FROM ${this.table} ORDER BY id LIMIT $1),
            pick AS (SELECT id FROM b WHERE upto <= $2 OR upto = len)
       SELECT o.id, o.event_type, o.topic, o.kafka_key, o.payload, o.headers, o.created_at,
              (SELECT count(*) FROM b) > (SELECT count(*) FROM pick) AS cut
         FROM pick JOIN ${this.table} o USING (id)
        ORDER BY o.id`,
      [this.oneAtATime ? 1 : this.batchSize, this.maxBatchBytes],
    );
    if (rows.length === 0) return { full: false };
    const spans: Span[] = [];
    const byTopic = new Map<string, Message[]>();
    for (const row of rows) {
      let headers = JSON.parse(row.headers) as Record<string, string>;
      if (headers.traceparent) {
        // A publish span per traced event, child of the writer's span: the Kafka hop in the trace,
        // and the parent the consumer continues from.
        const parent = contextFromHeaders(headers);
        const span = eventsTracer().startSpan(`${row.topic} publish`, { kind: SpanKind.PRODUCER }, parent);
        spans.push(span);
        headers = { ...headers, ...context.with(trace.setSpan(parent, span), currentTraceHeaders) };
      }
      const messages = byTopic.get(row.topic) ?? [];
      messages.push({ key: row.kafka_key, value: row.payload, headers });
      byTopic.set(row.topic, messages);
    }
    await this.options.schemaCatalog?.announce(
      this.producer!,
      rows.map((r) => r.event_type),
    );
    try {
      await this.producer!.sendBatch({
        acks: -1,
        topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
      });
      this.oneAtATime = false;
    } catch (err) {
      if (!isTooLarge(err)) throw err;
      // Refused for its size, not for an outage: retrying the same send can never succeed.
      if (rows.length > 1) this.oneAtATime = true;
      else await this.reject(rows[0], (err as Error).message);
      await this.resetProducer(); // a fresh producer id: no sequence state from the refused send
      return { full: true };
    } finally {
      spans.forEach((s) => s.end());
    }
    await this.client!.query(`DELETE FROM ${this.table} WHERE id = ANY($1::bigint[])`, [
      rows.map((r) => r.id),
    ]);
    const now = Date.now();
    this.published.inc({ schema: this.options.schema }, rows.length);
    for (const row of rows)
      this.lag.observe({ schema: this.options.schema }, (now - row.created_at.getTime()) / 1000);
    this.options.onBatch?.(rows.length);
    const full = rows.length === this.batchSize || rows[0].cut;
    return { full };
  }

  /** Parks a row Kafka refuses even alone, so the rows behind it are published. */
  private async reject(row: OutboxRow, reason: string): Promise<void> {
    const c = this.client!;
    await c.query('BEGIN');
    try {
      await c.query(
        `INSERT INTO ${this.rejectedTable} (${OUTBOX_COLUMNS}, reason)
         SELECT ${OUTBOX_COLUMNS}, $2 FROM ${this.table} WHERE id = $1`,
        [row.id, reason],
      );
      await c.query(`DELETE FROM ${this.table} WHERE id = $1`, [row.id]);
      await c.query('COMMIT');
    } catch (err) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw err;
    }
    this.rejected.inc({ schema: this.options.schema });
    this.options.log?.(
      'error',
      'outbox relay: Kafka refused an event as too large; parked in outbox_rejected',
      {
        outboxId: row.id,
        eventType: row.event_type,
        topic: row.topic,
        bytes: row.payload.length,
        reason,
      },
    );
  }

  /** A short batch means the outbox is empty now; a full one means a backlog, counted at most every 5 s. */
  private async updateBacklog(full: boolean): Promise<void> {
    if (!full) {
      this.backlog.set({ schema: this.options.schema }, 0);
      return;
    }
    if (Date.now() - this.backlogCountedAt < 5_000) return;
    this.backlogCountedAt = Date.now();
    const { rows } = await this.client!.query(`SELECT count(*)::int AS n FROM ${this.table}`);
    this.backlog.set({ schema: this.options.schema }, rows[0].n);
  }

  private idle(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  private async resetProducer(): Promise<void> {
    const producer = this.producer;
    this.producer = undefined;
    await producer?.disconnect().catch(() => undefined);
  }

  private async resetDatabase(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    // Ending the session also releases the advisory lock, so a standby can take over.
    await client?.end().catch(() => undefined);
  }
}
