import { DynamicModule, Module } from '@nestjs/common';
import { ExportOpenLineageUseCase } from './export-openlineage.usecase';
import { OpenLineageConsumer } from './openlineage-consumer';
import { OpenLineageHttpController } from './openlineage.http.controller';
import { RecordOpenLineageEventUseCase } from './record-openlineage-event.usecase';

/** OpenLineage in and out: RunEvents exported from the log, external RunEvents recorded into it. */
@Module({})
export class OpenLineageModule {
  /** `lineage` is the LineageModule instance of the app (its LeafEventReader and the ledger's config). */
  static forRoot(lineage: DynamicModule): DynamicModule {
    return {
      module: OpenLineageModule,
      imports: [lineage],
      controllers: [OpenLineageHttpController],
      providers: [ExportOpenLineageUseCase, RecordOpenLineageEventUseCase, OpenLineageConsumer],
    };
  }
}
