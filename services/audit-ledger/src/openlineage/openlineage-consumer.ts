import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import { consumerGroupOf, deadLetterTopicOf } from '@provenant/contracts';
import { EventConsumer, prefixed } from '@provenant/events';
import { KAFKA_CLIENT } from '@provenant/platform';
import type { AuditLedgerConfig } from '../config';
import { LEDGER_CONFIG } from '../ledger/ledger.tokens';
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
export class OpenLineageConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private consumer?: EventConsumer;
  private readonly log = new Logger(OpenLineageConsumer.name);

  constructor(
    @Inject(KAFKA_CLIENT) private readonly kafka: Kafka,
    private readonly dataSource: DataSource,
    private readonly record: RecordOpenLineageEventUseCase,
    @Inject(LEDGER_CONFIG) private readonly config: AuditLedgerConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.LEDGER_CONSUME || this.config.LEDGER_OPENLINEAGE_TOPIC === '') return;
    const prefix = this.config.KAFKA_TOPIC_PREFIX;
    this.consumer = new EventConsumer({
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
      log: (level, msg, extra) => this.log[level === 'info' ? 'log' : level]({ msg, ...extra }),
    });
    await this.consumer.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
  }
}
