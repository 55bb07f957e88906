import { Inject, Injectable } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import { consumerGroupOf, deadLetterTopicOf, TOPICS, type Topic } from '@provenant/contracts';
import { ANY_EVENT, prefixed } from '@provenant/events';
import { KAFKA_CLIENT } from '@provenant/platform';
import type { AuditLedgerConfig } from '../config';
import { AppendEventsUseCase } from './append-events.usecase';
import { CheckpointScheduler } from './checkpoint-scheduler';
import { LEDGER_CONFIG } from './ledger.tokens';
import { ledgerWireFormat } from './ledger-wire-format';
import { OwnedEventConsumer, type ConsumerOptions } from './owned-event-consumer';

/** Every domain topic but the data plane's row batches (seen via FeatureRowsIngested) and our own. */
export const LEDGER_TOPICS: Topic[] = TOPICS.filter(
  (t) => t !== 'provenant.feature-rows.v1' && t !== 'provenant.ledger.v1',
);

/**
 * The ledger's consumer: one catch-all batch handler, so a chunk of events becomes one append (one
 * COPY of leaves, one INSERT of nodes) in the transaction that records their ids. Its wire format
 * also reads event types this build does not know, which the services' transport refuses.
 */
@Injectable()
export class LedgerConsumer extends OwnedEventConsumer {
  constructor(
    @Inject(KAFKA_CLIENT) private readonly kafka: Kafka,
    private readonly dataSource: DataSource,
    private readonly append: AppendEventsUseCase,
    private readonly checkpoints: CheckpointScheduler,
    @Inject(LEDGER_CONFIG) private readonly config: AuditLedgerConfig,
  ) {
    super();
  }

  protected options(): ConsumerOptions | null {
    if (!this.config.LEDGER_CONSUME) return null;
    const prefix = this.config.KAFKA_TOPIC_PREFIX;
    const group = prefixed(prefix, consumerGroupOf('audit-ledger'));
    return {
      kafka: this.kafka,
      dataSource: this.dataSource,
      schema: this.config.DATABASE_SCHEMA,
      wire: ledgerWireFormat(),
      group,
      topics: LEDGER_TOPICS.map((t) => prefixed(prefix, t)),
      deadLetterTopic: prefixed(prefix, deadLetterTopicOf(consumerGroupOf('audit-ledger'))),
      // Appends are serial anyway (one lock, one frontier): partitions handled concurrently only
      // waited for each other's lock, and bigger transactions spread the per-append queries
      // thinner: 8.4-8.9k -> 11-12k events/s in the ledger bench, same background load
      // (docs/benchmarks.md#ledger).
      chunkSize: 5000,
      // The append is idempotent by event id itself (a unique index on event_id, and
      // AppendEventsUseCase's fallback under the append lock): recording every id again in
      // processed_events was a 5,000-row insert per chunk for nothing.
      claimEventIds: false,
      maxBytesPerPartition: 4 * 1024 * 1024,
      partitionsConsumedConcurrently: 1,
      handlers: new Map([
        [
          ANY_EVENT,
          {
            batch: async (events) => {
              const size = await this.append.execute(events[0].ctx.manager, events);
              this.checkpoints.appended(size);
            },
          },
        ],
      ]),
    };
  }
}
