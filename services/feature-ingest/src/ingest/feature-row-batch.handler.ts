import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { FeatureRowBatch } from '@provenant/contracts';
import type { EventContext } from '@provenant/events';
import { APP_CONFIG } from '@provenant/platform';
import type { FeatureIngestConfig } from '../config';
import { IngestRowsUseCase } from './ingest-rows.usecase';
import { fromAvro } from './row-validator';

/**
 * Stream ingestion from provenant.feature-rows.v1: the same use case as push, inside the
 * consumer's transaction, so the rows, the events and the event id commit together.
 */
@Controller()
export class FeatureRowBatchHandler {
  constructor(
    private readonly ingest: IngestRowsUseCase,
    @Inject(APP_CONFIG) private readonly config: FeatureIngestConfig,
  ) {}

  @EventPattern('FeatureRowBatch')
  async onBatch(@Payload() batch: FeatureRowBatch, @Ctx() ctx: EventContext) {
    await this.ingest.execute(
      {
        featureView: batch.featureView,
        featureViewVersion: batch.featureViewVersion,
        batchId: batch.batchId,
        source: 'STREAM',
        sourceUri: `${ctx.topic}/${ctx.partition}/${ctx.offset}`,
        policy: this.config.INGEST_BATCH_POLICY,
        valuesAsText: false,
        rows: batch.rows,
        toCandidate: fromAvro,
        actor: batch.meta.actor,
        causedBy: batch.meta,
      },
      ctx.manager,
    );
  }
}
