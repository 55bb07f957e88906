import { DynamicModule, Module, type INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { connectEventConsumer, serviceFoundation } from '@provenant/platform';
import type { FeatureIngestConfig } from './config';
import { DefinitionsModule } from './definitions/definitions.module';
import { IngestModule } from './ingest/ingest.module';

export const SERVICE_NAME = 'feature-ingest';

@Module({})
export class AppModule {
  static forRoot(config: FeatureIngestConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ...serviceFoundation(SERVICE_NAME, config, {
          migrations: [...IngestModule.migrations, ...DefinitionsModule.migrations],
        }),
        DefinitionsModule,
        IngestModule,
      ],
    };
  }
}

/**
 * What main.ts (and the tests) add before listening: row batches are large JSON bodies, and the
 * consumer learns definitions from provenant.features.v1 and row batches from the data plane.
 */
export function attachIngestion(app: INestApplication, config: FeatureIngestConfig): void {
  (app as NestExpressApplication).useBodyParser('json', { limit: config.INGEST_MAX_BODY });
  // A FeatureRowBatch of 1,000 rows is ~150 KB: at KafkaJS's default 1 MB per partition a fetch
  // (and so a transaction) would hold about six of them.
  connectEventConsumer(app, SERVICE_NAME, config, ['provenant.features.v1', 'provenant.feature-rows.v1'], {
    maxBytesPerPartition: 8 * 1024 * 1024,
  });
}
