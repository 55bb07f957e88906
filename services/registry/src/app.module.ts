import { DynamicModule, Module } from '@nestjs/common';
import {
  DatabaseModule,
  KafkaReadiness,
  PlatformModule,
  PostgresReadiness,
  serviceEventsModule,
  serviceIdentity,
} from '@provenant/platform';
import type { RegistryConfig } from './config';
import { FeaturesModule } from './features/features.module';
import { DatasetsModule } from './datasets/datasets.module';
import { ModelsModule } from './models/models.module';
import { PromotionModule } from './promotion/promotion.module';

export const SERVICE_NAME = 'registry';

@Module({})
export class AppModule {
  static forRoot(config: RegistryConfig): DynamicModule {
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
          entities: [
            ...FeaturesModule.entities,
            ...ModelsModule.entities,
            ...PromotionModule.entities,
            ...DatasetsModule.entities,
          ],
          migrations: [
            ...FeaturesModule.migrations,
            ...ModelsModule.migrations,
            ...PromotionModule.migrations,
            ...DatasetsModule.migrations,
          ],
        }),
        serviceEventsModule(SERVICE_NAME, config),
        FeaturesModule,
        ModelsModule,
        PromotionModule,
        DatasetsModule,
      ],
    };
  }
}
