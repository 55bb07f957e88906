import { Inject, Injectable } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import { consumerGroupOf, deadLetterTopicOf } from '@provenant/contracts';
import { prefixed } from '@provenant/events';
import { KAFKA_CLIENT } from '@provenant/platform';
import type { AuditLedgerConfig } from '../config';
import { LEDGER_CONFIG } from '../ledger/ledger.tokens';
import { OwnedEventConsumer, type ConsumerOptions } from '../ledger/owned-event-consumer';
import { OPENLINEAGE_RUN_EVENT, openLineageWireFormat } from './openlineage-wire-format';
import { RecordOpenLineageEventUseCase } from './record-openlineage-event.usecase';

/** Its own group, so its subscription (one foreign topic) never mixes with the domain topics'. */
export const OPENLINEAGE_GROUP = `${consumerGroupOf('audit-ledger')}.openlineage`;

/**
 * Reads the external OpenLineage topic (LEDGER_OPENLINEAGE_TOPIC) through the shared consumer
 * runtime: each RunEvent is claimed by its deterministic id and recorded once; anything else is
 * dead-lettered to `provenant.dlq.provenant.audit-ledger.openlineage` with the reason.
 */
@Injectable()
export class OpenLineageConsumer extends OwnedEventConsumer {
  constructor(
    @Inject(KAFKA_CLIENT) private readonly kafka: Kafka,
    private readonly dataSource: DataSource,
    private readonly record: RecordOpenLineageEventUseCase,
    @Inject(LEDGER_CONFIG) private readonly config: AuditLedgerConfig,
  ) {
    super();
  }

  protected options(): ConsumerOptions | null {
    if (!this.config.LEDGER_CONSUME || this.config.LEDGER_OPENLINEAGE_TOPIC === '') return null;
    const prefix = this.config.KAFKA_TOPIC_PREFIX;
    return {
      kafka: this.kafka,
      dataSource: this.dataSource,
      schema: this.config.DATABASE_SCHEMA,
      wire: openLineageWireFormat(),
      group: prefixed(prefix, OPENLINEAGE_GROUP),
      topics: [prefixed(prefix, this.config.LEDGER_OPENLINEAGE_TOPIC)],
      deadLetterTopic: prefixed(prefix, deadLetterTopicOf(OPENLINEAGE_GROUP)),
      handlers: new Map([
        [OPENLINEAGE_RUN_EVENT, (event, ctx) => this.record.execute(ctx.manager, event, ctx)],
      ]),
    };
  }
}
