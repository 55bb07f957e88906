import { Module } from '@nestjs/common';
import { ModelsModule } from '../models/models.module';
import { CreateDatasetVersions1764400000003 } from './1764400000003-create-dataset-versions.migration';
import { DatasetVersionEntity } from './dataset-version.entity';
import { DatasetsHttpController } from './datasets.http.controller';
import { RegisterDatasetUseCase } from './register-dataset.usecase';

/** Versioned datasets: manifests with SHA-256 and DVC MD5 per file and a Merkle root. */
@Module({
  imports: [ModelsModule],
  controllers: [DatasetsHttpController],
  providers: [RegisterDatasetUseCase],
})
export class DatasetsModule {
  static readonly entities = [DatasetVersionEntity];
  static readonly migrations = [CreateDatasetVersions1764400000003];
}
