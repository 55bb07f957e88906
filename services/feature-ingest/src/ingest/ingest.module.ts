import { Module } from '@nestjs/common';
import { DefinitionsModule } from '../definitions/definitions.module';
import { OfflineStoreWriter } from '../offline-store/offline-store.writer';
import { CreateOfflineStore1764300000000 } from '../offline-store/1764300000000-create-offline-store.migration';
import { IndexIngestionOrder1764300000002 } from '../offline-store/1764300000002-index-ingestion-order.migration';
import { FeatureRowBatchHandler } from './feature-row-batch.handler';
import { IngestHttpController } from './ingest.http.controller';
import { IngestRowsUseCase } from './ingest-rows.usecase';

/** Push, stream and bulk ingestion into the offline store. */
@Module({
  imports: [DefinitionsModule],
  controllers: [IngestHttpController, FeatureRowBatchHandler],
  providers: [IngestRowsUseCase, OfflineStoreWriter],
})
export class IngestModule {
  static readonly migrations = [CreateOfflineStore1764300000000, IndexIngestionOrder1764300000002];
}
