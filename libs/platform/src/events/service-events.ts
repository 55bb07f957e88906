import type { DynamicModule, INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { consumerGroupOf, deadLetterTopicOf, type ServiceName, type Topic } from '@provenant/contracts';
import {
  contractsWireFormat,
  EventsModule,
  KafkaEventTransport,
  prefixed,
  schemaCatalogTopic,
  type WireFormat,
} from '@provenant/events';
import type { BaseConfig } from '../config/base-config.schema';
import { KAFKA_CLIENT } from '../kafka/kafka.module';

type EventsConfig = Pick<BaseConfig, 'DATABASE_URL' | 'KAFKA_BROKERS' | 'KAFKA_TOPIC_PREFIX'> & {
  DATABASE_SCHEMA: string;
};

/** One wire format per process: its codec caches resolvers and learned schemas. */
let wire: WireFormat | undefined;
export const serviceWireFormat = (): WireFormat => (wire ??= contractsWireFormat());

/** The outbox and its relay for a service, in the service's own schema. */
export function serviceEventsModule(service: ServiceName, config: EventsConfig): DynamicModule {
  return EventsModule.forRoot({
    service,
    schema: config.DATABASE_SCHEMA,
    databaseUrl: config.DATABASE_URL,
    brokers: config.KAFKA_BROKERS,
    topicPrefix: config.KAFKA_TOPIC_PREFIX,
    wire: serviceWireFormat(),
  });
}

/**
 * Attaches the Kafka consumer to a service: its `@EventPattern` handlers receive the events of
 * `topics`, in consumer group `provenant.<service>`, with dead letters in `provenant.dlq.<group>`.
 */
export function connectEventConsumer(
  app: INestApplication,
  service: ServiceName,
  config: EventsConfig,
  topics: Topic[],
  tuning: { maxBytesPerPartition?: number } = {},
): void {
  const prefix = config.KAFKA_TOPIC_PREFIX;
  const group = consumerGroupOf(service);
  app.connectMicroservice(
    {
      strategy: new KafkaEventTransport({
        kafka: app.get(KAFKA_CLIENT),
        dataSource: app.get(DataSource),
        wire: serviceWireFormat(),
        schema: config.DATABASE_SCHEMA,
        group: prefixed(prefix, group),
        topics: topics.map((t) => prefixed(prefix, t)),
        deadLetterTopic: prefixed(prefix, deadLetterTopicOf(group)),
        schemaCatalogTopic: schemaCatalogTopic(prefix),
        ...tuning,
      }),
    },
    { inheritAppConfig: true },
  );
}
