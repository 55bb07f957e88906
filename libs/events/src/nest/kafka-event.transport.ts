import { Server, type CustomTransportStrategy } from '@nestjs/microservices';
import { isObservable, lastValueFrom } from 'rxjs';
import type { Kafka } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { EventConsumer } from '../consumer/event-consumer';
import type { EventContext, EventHandler } from '../consumer/event-context';
import type { WireFormat } from '../wire-format';
import { SchemaCatalog } from '../schemas/schema-catalog';

export interface KafkaEventTransportOptions {
  kafka: Kafka;
  dataSource: DataSource;
  wire: WireFormat;
  schema: string;
  group: string;
  topics: string[];
  deadLetterTopic: string;
  schemaCatalogTopic: string;
  maxBytesPerPartition?: number;
  log?: (level: 'info' | 'warn' | 'error', msg: string, extra?: Record<string, unknown>) => void;
}

/** `@EventPattern(type, BATCH)`: the method receives a run of consecutive events of that type. */
export const BATCH = { batch: true } as const;

/** What a `BATCH` handler's `@Payload()` holds: the events in partition order, each with its context. */
export type EventBatch<T> = { event: T; ctx: EventContext }[];

/**
 * A NestJS microservice transport over our consumer runtime: handlers are ordinary
 * `@EventPattern('RunStarted')` methods (`'*'` for every type) that receive the decoded event and
 * an `EventContext` (`@Ctx()`), so Nest's interceptors and pipes apply as usual. With
 * `@EventPattern(type, BATCH)` the payload is an `EventBatch` instead (one transaction holds
 * them all), for handlers that write many events' effects in one statement.
 */
export class KafkaEventTransport extends Server implements CustomTransportStrategy {
  private consumer?: EventConsumer;

  constructor(private readonly options: KafkaEventTransportOptions) {
    super();
  }

  async listen(callback: (err?: unknown) => void): Promise<void> {
    const handlers = new Map<string, EventHandler>();
    for (const [pattern, handler] of this.getHandlers()) {
      const call = async (payload: unknown, ctx: EventContext) => {
        const result = await handler(payload, ctx);
        if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
      };
      handlers.set(
        pattern,
        handler.extras?.batch ? { batch: (events) => call(events, events[0].ctx) } : call,
      );
    }
    try {
      this.consumer = new EventConsumer({
        ...this.options,
        handlers,
        schemaCatalog: new SchemaCatalog(
          this.options.kafka,
          this.options.schemaCatalogTopic,
          this.options.wire,
        ),
      });
      await this.consumer.start();
      callback();
    } catch (err) {
      callback(err);
    }
  }

  async close(): Promise<void> {
    await this.consumer?.stop();
  }

  on(): void {
    // No transport-level events to subscribe to: status is visible through metrics and health.
  }

  unwrap<T>(): T {
    return this.consumer as T;
  }
}
