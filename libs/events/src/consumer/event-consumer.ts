import {
  Partitioners,
  type Consumer,
  type EachBatchPayload,
  type Kafka,
  type KafkaMessage,
  type Producer,
} from 'kafkajs';
import type { DataSource, EntityManager } from 'typeorm';
import { SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api';
import { contextFromHeaders, eventsTracer } from '../tracing/trace-context';
import { eventsMetrics } from '../metrics';
import type { WireFormat } from '../wire-format';
import { DeadLetterPublisher } from './dead-letter';
import { ANY_EVENT, type EventContext, type EventHandler } from './event-context';
import { decodeFailureReason, isInfrastructureError, type DeadLetterReason } from './failure-kinds';
import { claimEventIds } from './idempotency';
import { ensureTopics } from './ensure-topics';
import type { SchemaCatalog } from '../schemas/schema-catalog';

export interface EventConsumerOptions {
  kafka: Kafka;
  dataSource: DataSource;
  /** The service's schema, holding `processed_events`. */
  schema: string;
  wire: WireFormat;
  group: string;
  topics: string[];
  deadLetterTopic: string;
  /** Event type → handler; `*` receives every type without its own handler. */
  handlers: Map<string, EventHandler>;
  maxAttempts?: number;
  retryBaseMs?: number;
  /** Where writer schemas newer than this build are learned from (forward compatibility). */
  schemaCatalog?: SchemaCatalog;
  /** Kafka session timeout; a handler may run longer, since the runtime heartbeats meanwhile. */
  sessionTimeoutMs?: number;
  /** Partitions processed at once (each still in order); their transactions then overlap. */
  partitionsConsumedConcurrently?: number;
  /** Messages handled in one transaction on the fast path. */
  chunkSize?: number;
  /**
   * Record each event id in `processed_events` (default true), so a redelivered event has no
   * second effect. `false` only for a handler that is idempotent by event id on its own, in the
   * same transaction (the ledger: one leaf per event id, a unique index); copies within a chunk
   * are still dropped.
   */
  claimEventIds?: boolean;
  /**
   * Most bytes fetched per partition at once (KafkaJS default 1 MB). Raise it for topics of large
   * messages, or each transaction holds only the few that fit in one fetch.
   */
  maxBytesPerPartition?: number;
  log?: (level: 'info' | 'warn' | 'error', msg: string, extra?: Record<string, unknown>) => void;
}

type Item =
  | {
      message: KafkaMessage;
      ok: true;
      eventType: string;
      eventId: string;
      value: any;
      handler?: EventHandler;
    }
  | { message: KafkaMessage; ok: false; reason: DeadLetterReason; error: string };
type Runnable = Extract<Item, { ok: true }>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const headersOf = (m: KafkaMessage) =>
  Object.fromEntries(
    Object.entries(m.headers ?? {}).map(([k, v]) => [k, String(Array.isArray(v) ? v[0] : v)]),
  );

/**
 * Consumes domain topics for one consumer group with effectively-once effects: decode and
 * validate, record the event id with the effect in one transaction, retry a failing handler a
 * bounded number of times, then dead-letter it with the reason and carry on. While PostgreSQL is
 * down it waits (heartbeating) instead of burning retries.
 */
export class EventConsumer {
  private consumer?: Consumer;
  private producer?: Producer;
  private deadLetters?: DeadLetterPublisher;
  private readonly handled = eventsMetrics.eventsHandled();
  private readonly lag = eventsMetrics.consumerLag();

  constructor(private readonly options: EventConsumerOptions) {}

  async start(): Promise<void> {
    const { kafka, group, topics, deadLetterTopic } = this.options;
    await ensureTopics(kafka, [
      ...topics.map((t) => ({ topic: t })),
      { topic: deadLetterTopic, partitions: 1 },
    ]);
    await this.options.schemaCatalog?.start();
    this.producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await this.producer.connect();
    this.deadLetters = new DeadLetterPublisher(this.producer, deadLetterTopic, group);
    const sessionTimeout = this.options.sessionTimeoutMs ?? 30_000;
    this.consumer = kafka.consumer({
      groupId: group,
      sessionTimeout,
      heartbeatInterval: Math.min(3_000, sessionTimeout / 3),
      ...(this.options.maxBytesPerPartition && {
        maxBytesPerPartition: this.options.maxBytesPerPartition,
        maxBytes: Math.max(10 * 1024 * 1024, this.options.maxBytesPerPartition * 3),
      }),
    });
    const joins = eventsMetrics.groupJoins();
    this.consumer.on(this.consumer.events.GROUP_JOIN, () => joins.inc({ group }));
    await this.consumer.connect();
    await this.consumer.subscribe({ topics, fromBeginning: true });
    await this.consumer.run({
      eachBatchAutoResolve: false,
      autoCommitInterval: 1_000,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 3,
      eachBatch: (p) => this.onBatch(p),
    });
  }

  /** Graceful: KafkaJS finishes the batch in hand and commits the resolved offsets. */
  async stop(): Promise<void> {
    await this.consumer?.disconnect().catch(() => undefined);
    await this.producer?.disconnect().catch(() => undefined);
    await this.options.schemaCatalog?.stop();
    this.consumer = this.producer = undefined;
  }

  private async onBatch(payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, heartbeat, isRunning, isStale, commitOffsetsIfNecessary } = payload;
    // Long handlers must not cost the group membership: heartbeat on a timer while work runs.
    const pulse = setInterval(
      () => void heartbeat().catch(() => undefined),
      Math.min(3_000, (this.options.sessionTimeoutMs ?? 30_000) / 3),
    );
    const chunkSize = this.options.chunkSize ?? 1_000;
    try {
      for (let i = 0; i < batch.messages.length; i += chunkSize) {
        if (!isRunning() || isStale()) return;
        const chunk = await this.learnUnknownSchemas(
          batch.messages.slice(i, i + chunkSize).map((m) => this.decode(m)),
        );
        await this.processChunk(batch.topic, batch.partition, chunk, isRunning);
        const last = chunk[chunk.length - 1].message.offset;
        resolveOffset(last);
        this.lag.set(
          { group: this.options.group, topic: batch.topic, partition: String(batch.partition) },
          Math.max(0, Number(batch.highWatermark) - Number(last) - 1),
        );
        await heartbeat();
      }
      await commitOffsetsIfNecessary();
    } finally {
      clearInterval(pulse);
    }
  }

  /** An unknown fingerprint may be a newer producer's schema: learn it from the catalog and retry. */
  private async learnUnknownSchemas(items: Item[]): Promise<Item[]> {
    const catalog = this.options.schemaCatalog;
    if (!catalog || items.every((i) => i.ok || i.reason !== 'unknown-fingerprint')) return items;
    const out: Item[] = [];
    for (const item of items) {
      const fingerprint =
        !item.ok && item.reason === 'unknown-fingerprint'
          ? this.options.wire.fingerprintOfMessage(item.message.value!)
          : undefined;
      out.push(fingerprint && (await catalog.learn(fingerprint)) ? this.decode(item.message) : item);
    }
    return out;
  }

  private decode(message: KafkaMessage): Item {
    if (!message.value)
      return { message, ok: false, reason: 'malformed-event', error: 'empty message value' };
    let decoded;
    try {
      decoded = this.options.wire.decode(message.value);
    } catch (err) {
      return { message, ok: false, reason: decodeFailureReason(err), error: (err as Error).message };
    }
    const eventId = decoded.value?.meta?.eventId;
    if (typeof eventId !== 'string' || !UUID.test(eventId)) {
      return {
        message,
        ok: false,
        reason: 'invalid-event',
        error: `meta.eventId is not a UUID: ${String(eventId)}`,
      };
    }
    const handler = this.options.handlers.get(decoded.eventType) ?? this.options.handlers.get(ANY_EVENT);
    return { message, ok: true, eventType: decoded.eventType, eventId, value: decoded.value, handler };
  }

  private async processChunk(topic: string, partition: number, items: Item[], isRunning: () => boolean) {
    for (;;) {
      try {
        await this.fastPath(topic, partition, items);
        return;
      } catch (err) {
        if (isInfrastructureError(err)) {
          await this.waitForDatabase(isRunning);
          continue;
        }
        this.options.log?.('warn', 'batch failed; isolating the failing event', {
          topic,
          partition,
          error: (err as Error).message,
        });
        await this.slowPath(topic, partition, items, isRunning);
        return;
      }
    }
  }

  /** All events of the chunk in one transaction: the common case, and the fast one. */
  private async fastPath(topic: string, partition: number, items: Item[]): Promise<void> {
    const runnable = items.filter((i): i is Runnable => i.ok && !!i.handler);
    const outcomes: { type: string; outcome: string }[] = [];
    if (runnable.length > 0) {
      await this.options.dataSource.transaction(async (manager) => {
        const ids = runnable.map((i) => i.eventId);
        const fresh =
          this.options.claimEventIds === false
            ? new Set(ids)
            : await claimEventIds(manager, this.options.schema, this.options.group, ids);
        const todo: Runnable[] = [];
        for (const item of runnable) {
          const first = fresh.delete(item.eventId); // a second copy in the same chunk is a duplicate too
          if (first) todo.push(item);
          outcomes.push({ type: item.eventType, outcome: first ? 'handled' : 'duplicate' });
        }
        // Consecutive events for the same batch handler go in one call; order is kept.
        for (let i = 0; i < todo.length;) {
          const handler = todo[i].handler!;
          let j = i + 1;
          if (typeof handler !== 'function') while (j < todo.length && todo[j].handler === handler) j++;
          await this.runHandler(topic, partition, todo.slice(i, j), manager);
          i = j;
        }
      });
    }
    for (const item of items) {
      if (!item.ok) await this.deadLetter(topic, partition, item.message, item.reason, item.error, 1);
      else if (!item.handler) outcomes.push({ type: item.eventType, outcome: 'ignored' });
    }
    // Counted per type and outcome, not per event: a labelled inc per event showed in profiles.
    const counts = new Map<string, { type: string; outcome: string; n: number }>();
    for (const o of outcomes) {
      const key = `${o.type}\n${o.outcome}`;
      const c = counts.get(key);
      if (c) c.n++;
      else counts.set(key, { ...o, n: 1 });
    }
    for (const c of counts.values())
      this.handled.inc({ group: this.options.group, event_type: c.type, outcome: c.outcome }, c.n);
  }

  /** One event per transaction, with bounded retries, so one bad event cannot block the rest. */
  private async slowPath(topic: string, partition: number, items: Item[], isRunning: () => boolean) {
    const maxAttempts = this.options.maxAttempts ?? 3;
    for (const item of items) {
      if (!item.ok || !item.handler) {
        await this.fastPath(topic, partition, [item]);
        continue;
      }
      for (let attempt = 1; ; attempt++) {
        try {
          await this.fastPath(topic, partition, [item]);
          break;
        } catch (err) {
          if (isInfrastructureError(err)) {
            await this.waitForDatabase(isRunning);
            attempt--;
            continue;
          }
          if (attempt >= maxAttempts) {
            await this.deadLetter(
              topic,
              partition,
              item.message,
              'handler-failed',
              (err as Error).message,
              attempt,
            );
            this.handled.inc({
              group: this.options.group,
              event_type: item.eventType,
              outcome: 'dead_lettered',
            });
            break;
          }
          await sleep((this.options.retryBaseMs ?? 100) * 4 ** (attempt - 1));
        }
      }
    }
  }

  private contextOf(topic: string, partition: number, item: Runnable, manager: EntityManager): EventContext {
    let headers: Record<string, string> | undefined;
    return {
      eventType: item.eventType,
      manager,
      topic,
      partition,
      offset: item.message.offset,
      key: item.message.key?.toString() ?? null,
      // Built on first use: most handlers never read headers, and converting them costs per event.
      get headers() {
        return (headers ??= headersOf(item.message));
      },
      raw: item.message.value!,
    };
  }

  /** Runs one handler call (one event, or a run for a batch handler) inside the first event's trace. */
  private async runHandler(topic: string, partition: number, run: Runnable[], manager: EntityManager) {
    const contexts = run.map((item) => this.contextOf(topic, partition, item, manager));
    const span = eventsTracer().startSpan(
      `${topic} process`,
      {
        kind: SpanKind.CONSUMER,
        attributes: {
          'messaging.system': 'kafka',
          'messaging.destination.name': topic,
          'messaging.batch.message_count': run.length,
          'provenant.event_type': run[0].eventType,
        },
      },
      contextFromHeaders(contexts[0].headers),
    );
    const handler = run[0].handler!;
    try {
      await context.with(trace.setSpan(context.active(), span), () =>
        typeof handler === 'function'
          ? handler(run[0].value, contexts[0])
          : handler.batch(run.map((item, i) => ({ event: item.value, ctx: contexts[i] }))),
      );
    } catch (err) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error).message });
      throw err;
    } finally {
      span.end();
    }
  }

  private async deadLetter(
    topic: string,
    partition: number,
    message: KafkaMessage,
    reason: DeadLetterReason,
    error: string,
    attempts: number,
  ) {
    this.options.log?.('warn', 'event dead-lettered', {
      topic,
      partition,
      offset: message.offset,
      reason,
      error,
    });
    await this.deadLetters!.send({ topic, partition, message }, reason, error, attempts);
  }

  private async waitForDatabase(isRunning: () => boolean): Promise<void> {
    this.options.log?.('warn', 'PostgreSQL unavailable; consumer paused until it is back', {
      group: this.options.group,
    });
    for (;;) {
      if (!isRunning()) throw new Error('consumer stopping while PostgreSQL is unavailable');
      try {
        await this.options.dataSource.query('SELECT 1');
        this.options.log?.('info', 'PostgreSQL is back; consumer resumed', { group: this.options.group });
        return;
      } catch {
        await sleep(1_000);
      }
    }
  }
}
