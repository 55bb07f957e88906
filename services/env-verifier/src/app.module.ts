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
        DatabaseModule.forRoot({ url: config.DATABASE_URL, schema: config.DATABASE_SCHEMA, entities: [] }),
        serviceEventsModule(SERVICE_NAME, config),
      ],
    };
  }
}
