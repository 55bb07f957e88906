import { DynamicModule, Module } from '@nestjs/common';
import { ModelReportUseCase } from './model-report.usecase';
import { ReportsHttpController } from './reports.http.controller';

/** Reproducibility reports assembled from the ledger's events, every claim with its proof. */
@Module({})
export class ReportsModule {
  static forRoot(lineage: DynamicModule, audit: DynamicModule): DynamicModule {
    return {
      module: ReportsModule,
      imports: [lineage, audit],
      controllers: [ReportsHttpController],
      providers: [ModelReportUseCase],
    };
  }
}
