import { DynamicModule, Module } from '@nestjs/common';
import {
  DatabaseModule,
  KafkaReadiness,
  PlatformModule,
  PostgresReadiness,
  serviceEventsModule,
  serviceIdentity,
} from '@provenant/platform';
import type { EnvVerifierConfig } from './config';
import { EnvironmentTables1764400000000 } from './environments/1764400000000-environment-tables.migration';
import { EnvironmentsModule } from './environments/environments.module';
import { ReproducibilityTables1764400000001 } from './reproducibility/1764400000001-reproducibility-tables.migration';
import { ReproducibilityModule } from './reproducibility/reproducibility.module';

export const SERVICE_NAME = 'env-verifier';

@Module({})
export class AppModule {
  static forRoot(config: EnvVerifierConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot({
          identity: serviceIdentity(SERVICE_NAME, config.INSTANCE_ID),
          config,
          readiness: [PostgresReadiness, KafkaReadiness],
        }),
        DatabaseModule.forRoot({
          url: config.DATABASE_URL,
          schema: config.DATABASE_SCHEMA,
          pool: { size: config.DATABASE_POOL_SIZE, waitMs: config.DATABASE_POOL_WAIT_MS },
          entities: [],
          migrations: [EnvironmentTables1764400000000, ReproducibilityTables1764400000001],
        }),
        serviceEventsModule(SERVICE_NAME, config),
        EnvironmentsModule,
        ReproducibilityModule,
      ],
    };
  }
}
