import { Module } from '@nestjs/common';
import { ModelsModule } from '../models/models.module';
import { CreateDatasetVersions1764400000003 } from './1764400000003-create-dataset-versions.migration';
import { AddTrainingSetId1764400000005 } from './1764400000005-add-training-set-id.migration';
import { DatasetVersionEntity } from './dataset-version.entity';
import { DatasetVersionWriter } from './dataset-version.writer';
import { DatasetsHttpController } from './datasets.http.controller';
import { RegisterDatasetUseCase } from './register-dataset.usecase';
import { RegisterTrainingSetUseCase } from './register-training-set.usecase';
import { TrainingSetCreatedHandler } from './training-set-created.handler';

/** Versioned datasets: manifests with SHA-256 and DVC MD5 per file and a Merkle root; training sets. */
@Module({
  imports: [ModelsModule],
  controllers: [DatasetsHttpController, TrainingSetCreatedHandler],
  providers: [DatasetVersionWriter, RegisterDatasetUseCase, RegisterTrainingSetUseCase],
})
export class DatasetsModule {
  static readonly entities = [DatasetVersionEntity];
  static readonly migrations = [CreateDatasetVersions1764400000003, AddTrainingSetId1764400000005];
}
