import { Module } from '@nestjs/common';
import { ChangeExperimentUseCase } from './change-experiment.usecase';
import { CreateExperimentUseCase } from './create-experiment.usecase';
import { ExperimentStore } from './experiment.store';
import { ExperimentsHttpController } from './experiments.http.controller';
import { SearchExperimentsUseCase } from './search-experiments.usecase';

@Module({
  controllers: [ExperimentsHttpController],
  providers: [ExperimentStore, CreateExperimentUseCase, ChangeExperimentUseCase, SearchExperimentsUseCase],
  exports: [ExperimentStore],
})
export class ExperimentsModule {}
