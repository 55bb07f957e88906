import { DynamicModule, Module } from '@nestjs/common';
import {
  DatabaseModule,
  KafkaReadiness,
  PlatformModule,
  PostgresReadiness,
  RedisReadiness,
  serviceEventsModule,
  serviceIdentity,
  RedisModule,
} from '@provenant/platform';
import type { MaterializerConfig } from './config';
import { TrainingSetsModule } from './training-sets/training-sets.module';
import { OnlineModule } from './online/online.module';
import { MaterializationModule } from './materialization/materialization.module';
import { FreshnessReadiness } from './freshness/freshness.readiness';
import { SchedulingModule } from './scheduling/scheduling.module';

export const SERVICE_NAME = 'materializer';

@Module({})
export class AppModule {
  static forRoot(config: MaterializerConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot({
          identity: serviceIdentity(SERVICE_NAME, config.INSTANCE_ID),
          config,
          readiness: [PostgresReadiness, KafkaReadiness, RedisReadiness, FreshnessReadiness],
        }),
        DatabaseModule.forRoot({
          url: config.DATABASE_URL,
          schema: config.DATABASE_SCHEMA,
          pool: { size: config.DATABASE_POOL_SIZE, waitMs: config.DATABASE_POOL_WAIT_MS },
          entities: [],
          migrations: [
            ...TrainingSetsModule.migrations,
            ...MaterializationModule.migrations,
            ...SchedulingModule.migrations,
          ],
        }),
        serviceEventsModule(SERVICE_NAME, config),
        RedisModule.forRoot(config.REDIS_URL),
        TrainingSetsModule,
        OnlineModule,
        MaterializationModule,
        SchedulingModule,
      ],
    };
  }
}
