import { Module } from '@nestjs/common';
import { OnlineFreshness } from '../freshness/online-freshness';
import { OnlineModule } from '../online/online.module';
import { TrainingSetsModule } from '../training-sets/training-sets.module';
import { FeatureRowsIngestedHandler } from './feature-rows-ingested.handler';
import { MaterializeIngestedBatchUseCase } from './materialize-ingested-batch.usecase';
import { OfflineRowsSource } from './offline-rows.source';
import { MaterializationHttpController } from './materialization.http.controller';
import { MaterializationRunStore } from './materialization-run.store';
import { RunMaterializationUseCase } from './run-materialization.usecase';
import { ViewLock } from './view-lock';
import { CreateMaterializationRuns1764300000200 } from './1764300000200-create-materialization-runs.migration';

/** Offline store → online store: streaming (per accepted batch) and batch runs. */
@Module({
  imports: [TrainingSetsModule, OnlineModule],
  controllers: [FeatureRowsIngestedHandler, MaterializationHttpController],
  providers: [
    OfflineRowsSource,
    MaterializeIngestedBatchUseCase,
    MaterializationRunStore,
    RunMaterializationUseCase,
    ViewLock,
    OnlineFreshness,
  ],
  exports: [RunMaterializationUseCase, ViewLock],
})
export class MaterializationModule {
  static readonly migrations = [CreateMaterializationRuns1764300000200];
}
