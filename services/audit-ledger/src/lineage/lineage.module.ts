import { DynamicModule, Module } from '@nestjs/common';
import { LeafEventReader } from './leaf-event-reader';
import { LineageGraphRepository } from './lineage-graph.repository';
import { LineageHttpController } from './lineage.http.controller';
import { MarquezLineageHttpController } from './marquez-lineage.http.controller';
import { MarquezLineageUseCase } from './marquez-lineage.usecase';
import { ModelProvenanceFinder } from './model-provenance.finder';
import { PredictionLineageUseCase } from './prediction-lineage.usecase';
import { ServingBranch } from './serving-branch';
import { TrainingDataFinder } from './training-data.finder';
import { WalkLineageUseCase } from './walk-lineage.usecase';

/** Lineage queries over the edges the log records (LineageRecorder) and the events in its leaves. */
@Module({})
export class LineageModule {
  /** `ledger` is the LedgerModule instance of the app, for its tables, checkpoints and proofs. */
  static forRoot(ledger: DynamicModule): DynamicModule {
    const providers = [
      LeafEventReader,
      LineageGraphRepository,
      WalkLineageUseCase,
      MarquezLineageUseCase,
      ModelProvenanceFinder,
      ServingBranch,
      TrainingDataFinder,
      PredictionLineageUseCase,
    ];
    return {
      module: LineageModule,
      imports: [ledger],
      controllers: [LineageHttpController, MarquezLineageHttpController],
      providers,
      exports: [ledger, ...providers],
    };
  }
}
