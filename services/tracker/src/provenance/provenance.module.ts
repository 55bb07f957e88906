import { Module } from '@nestjs/common';
import { ArtifactsModule } from '../artifacts/artifacts.module';
import { MlflowFallbackHttpController } from '../mlflow/mlflow-fallback.http.controller';
import { RunsModule } from '../runs/runs.module';
import { CompareRunsUseCase } from './compare-runs.usecase';
import { ProvenantRunsHttpController } from './provenant-runs.http.controller';
import { RunProvenanceUseCase } from './run-provenance.usecase';

/** Provenant's own run endpoints beyond MLflow, then the MLflow fallback routes (which must come last). */
@Module({
  imports: [RunsModule, ArtifactsModule],
  controllers: [ProvenantRunsHttpController, MlflowFallbackHttpController],
  providers: [CompareRunsUseCase, RunProvenanceUseCase],
})
export class ProvenanceModule {}
