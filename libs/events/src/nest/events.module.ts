import {
  DynamicModule,
  Global,
  Inject,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { Kafka, logLevel } from 'kafkajs';
import { Outbox } from '../outbox/outbox';
import { OutboxRelay } from '../outbox/outbox-relay';
import type { WireFormat } from '../wire-format';
import { SchemaCatalog } from '../schemas/schema-catalog';
import { schemaCatalogTopic } from '../topics';

export const WIRE_FORMAT = Symbol('WIRE_FORMAT');
export const EVENTS_OPTIONS = Symbol('EVENTS_OPTIONS');

export interface EventsModuleOptions {
  service: string;
  schema: string;
  databaseUrl: string;
  brokers: string[];
  topicPrefix: string;
  wire: WireFormat;
  /** Run the outbox relay in this process (default true). */
  relay?: boolean;
}

/** Gives a service its typed outbox and runs the relay that publishes it. */
@Global()
@Module({})
export class EventsModule implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    private readonly relay: OutboxRelay,
    @Inject(EVENTS_OPTIONS) private readonly options: EventsModuleOptions,
  ) {}

  static forRoot(options: EventsModuleOptions): DynamicModule {
    return {
      module: EventsModule,
      providers: [
        { provide: EVENTS_OPTIONS, useValue: options },
        { provide: WIRE_FORMAT, useValue: options.wire },
        {
          provide: Outbox,
          useFactory: () =>
            new Outbox(options.wire, { schema: options.schema, topicPrefix: options.topicPrefix }),
        },
        {
          provide: OutboxRelay,
          useFactory: () => {
            const kafka = new Kafka({
              clientId: `provenant.${options.service}.relay`,
              brokers: options.brokers,
              logLevel: logLevel.NOTHING,
            });
            return new OutboxRelay({
              databaseUrl: options.databaseUrl,
              schema: options.schema,
              kafka,
              schemaCatalog: new SchemaCatalog(kafka, schemaCatalogTopic(options.topicPrefix), options.wire),
            });
          },
        },
      ],
      exports: [Outbox, OutboxRelay, WIRE_FORMAT, EVENTS_OPTIONS],
    };
  }

  onApplicationBootstrap(): void {
    if (this.options.relay !== false) this.relay.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.relay.stop();
  }
}
