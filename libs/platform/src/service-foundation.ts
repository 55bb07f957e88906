import type { DynamicModule, Type } from '@nestjs/common';
import type { ServiceName } from '@provenant/contracts';
import type { BaseConfig } from './config/base-config.schema';
import { serviceIdentity } from './config/service-identity';
import { OutboxAdminModule } from './events/outbox-admin.controller';
import { serviceEventsModule } from './events/service-events';
import { KafkaReadiness } from './health/kafka.readiness';
import { PostgresReadiness } from './health/postgres.readiness';
import type { ReadinessCheck } from './health/readiness-check';
import { DatabaseModule, type DatabaseOptions } from './persistence/database.module';
import { PlatformModule } from './platform.module';

export interface FoundationOptions {
  /** Readiness checks beyond PostgreSQL and Kafka, which every service needs. */
  readiness?: Type<ReadinessCheck>[];
  entities?: DatabaseOptions['entities'];
  migrations: DatabaseOptions['migrations'];
}

/**
 * The modules every service's AppModule starts with: the platform (config, logs, auth, health,
 * metrics, Kafka), its own PostgreSQL schema with its migrations, its outbox and relay, and the
 * admin endpoints over events the relay parked.
 */
export function serviceFoundation(
  service: ServiceName,
  config: BaseConfig & { DATABASE_SCHEMA: string },
  options: FoundationOptions,
): DynamicModule[] {
  return [
    PlatformModule.forRoot({
      identity: serviceIdentity(service, config.INSTANCE_ID),
      config,
      readiness: [PostgresReadiness, KafkaReadiness, ...(options.readiness ?? [])],
    }),
    DatabaseModule.forRoot({
      url: config.DATABASE_URL,
      schema: config.DATABASE_SCHEMA,
      pool: { size: config.DATABASE_POOL_SIZE, waitMs: config.DATABASE_POOL_WAIT_MS },
      entities: options.entities ?? [],
      migrations: options.migrations,
    }),
    serviceEventsModule(service, config),
    { module: OutboxAdminModule },
  ];
}
