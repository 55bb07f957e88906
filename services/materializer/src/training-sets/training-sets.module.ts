import { Module, type INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { CreateTrainingSetUseCase } from './create-training-set.usecase';
import { FeatureCatalog } from './feature-catalog';
import { FeatureCatalogHandler } from './feature-catalog.handler';
import { OfflineStoreReader } from './offline-store.reader';
import { TrainingSetsHttpController } from './training-sets.http.controller';
import { CreateFeatureCatalog1764300000100 } from './1764300000100-create-feature-catalog.migration';

/** Point-in-time retrieval from the offline store: training sets (and the feature catalog it needs). */
@Module({
  controllers: [TrainingSetsHttpController, FeatureCatalogHandler],
  providers: [FeatureCatalog, OfflineStoreReader, CreateTrainingSetUseCase],
  exports: [FeatureCatalog, OfflineStoreReader],
})
export class TrainingSetsModule {
  static readonly migrations = [CreateFeatureCatalog1764300000100];

  /** Entity rows for 100k-row training sets arrive as one JSON body. */
  static configureHttp(app: INestApplication): void {
    (app as NestExpressApplication).useBodyParser('json', { limit: '512mb' });
  }
}
