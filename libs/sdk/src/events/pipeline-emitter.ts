import { Kafka, Partitioners, logLevel, type Producer } from 'kafkajs';
import { EVENT_CATALOG, type Actor, type EventMap, type EventType } from '@provenant/contracts';
import {
  EventMetaFactory,
  SchemaCatalog,
  contractsWireFormat,
  currentTraceHeaders,
  prefixed,
  schemaCatalogTopic,
  type MetaInput,
  type WireFormat,
} from '@provenant/events';

export interface PipelineEmitterOptions {
  brokers: string[];
  /** Who the pipeline acts as (the event's actor), e.g. `{principal: 'nightly-scoring', kind: 'pipeline', roles: ['pipeline']}`. */
  actor: Actor;
  /** Name and version of the emitting program, recorded as the event's producer. */
  producer?: { name?: string; version?: string; instance?: string };
  topicPrefix?: string;
}

type Body<K extends EventType> = Omit<EventMap[K], 'meta'>;

/**
 * Publishes pipeline events (`PredictionMade`, `FeatureRowBatch`, …) straight to Kafka, for
 * programs that have no database and so no outbox: the idempotent producer, the same wire
 * format, headers and schema announcements as the services, and `EventMeta` filled in.
 * `emit` resolves once the broker acknowledged the event (acks=all).
 */
export class PipelineEmitter {
  private readonly kafka: Kafka;
  private readonly wire: WireFormat = contractsWireFormat();
  private readonly metas: EventMetaFactory;
  private readonly catalog: SchemaCatalog;
  private producer?: Producer;

  constructor(private readonly options: PipelineEmitterOptions) {
    this.kafka = new Kafka({ clientId: 'provenant-sdk', brokers: options.brokers, logLevel: logLevel.WARN });
    this.metas = new EventMetaFactory({
      name: options.producer?.name ?? 'sdk',
      version: options.producer?.version ?? '0.1.0',
      instance: options.producer?.instance ?? `pid-${process.pid}`,
    });
    this.catalog = new SchemaCatalog(this.kafka, schemaCatalogTopic(options.topicPrefix ?? ''), this.wire);
  }

  async connect(): Promise<void> {
    this.producer = this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await this.producer.connect();
  }

  /** Builds the metadata (subject, lineage references, correlation) and publishes the event. */
  async emit<K extends EventType>(
    eventType: K,
    body: Body<K>,
    meta: Omit<MetaInput, 'actor'>,
  ): Promise<EventMap[K]> {
    if (!this.producer) throw new Error('PipelineEmitter.connect() first');
    const event = { meta: this.metas.create({ ...meta, actor: this.options.actor }), ...body } as EventMap[K];
    await this.catalog.announce(this.producer, [eventType]);
    await this.producer.send({
      topic: prefixed(this.options.topicPrefix ?? '', EVENT_CATALOG[eventType].topic),
      acks: -1,
      messages: [
        {
          key: event.meta.subject.id,
          value: this.wire.encode(eventType, event),
          headers: { ...this.wire.headersOf(eventType, event), ...currentTraceHeaders() },
        },
      ],
    });
    return event;
  }

  async disconnect(): Promise<void> {
    await this.producer?.disconnect();
    this.producer = undefined;
  }
}
