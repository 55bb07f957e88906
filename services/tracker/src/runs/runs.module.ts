import { Module } from '@nestjs/common';
import { ArtifactsModule } from '../artifacts/artifacts.module';
import { ExperimentsModule } from '../experiments/experiments.module';
import { LogBatchUseCase } from '../run-data/log-batch.usecase';
import { LogInputsUseCase } from '../run-data/log-inputs.usecase';
import { MetricHistoryHttpController } from '../run-data/metric-history.http.controller';
import { RunDataHttpController } from '../run-data/run-data.http.controller';
import { RunDataStore } from '../run-data/run-data.store';
import { SearchRunsUseCase } from '../search/search-runs.usecase';
import { ChangeRunUseCase } from './change-run.usecase';
import { CreateRunUseCase } from './create-run.usecase';
import { RunRequests } from './run-requests';
import { RunStore } from './run.store';
import { RunsHttpController } from './runs.http.controller';
import { TrackerFastRoutes } from './tracker-fast-routes';
import { UpdateRunUseCase } from './update-run.usecase';

/** Runs and what is logged to them (params, metrics, tags, inputs), and run search. */
@Module({
  imports: [ExperimentsModule, ArtifactsModule],
  controllers: [RunsHttpController, RunDataHttpController, MetricHistoryHttpController],
  providers: [
    RunStore,
    RunDataStore,
    CreateRunUseCase,
    UpdateRunUseCase,
    ChangeRunUseCase,
    LogBatchUseCase,
    LogInputsUseCase,
    SearchRunsUseCase,
    RunRequests,
    TrackerFastRoutes,
  ],
  exports: [RunStore],
})
export class RunsModule {}
