import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import type { FeatureRowBatch } from '@provenant/contracts';
import { BATCH, type EventBatch } from '@provenant/events';
import { APP_CONFIG } from '@provenant/platform';
import type { FeatureIngestConfig } from '../config';
import { IngestRowsUseCase } from './ingest-rows.usecase';
import { fromAvro } from './row-validator';

/**
 * Stream ingestion from provenant.feature-rows.v1: the same use case as push, inside the
 * consumer's transaction, so the rows, the events and the event ids commit together. The
 * batches of one fetch are written together (one COPY, one outbox insert).
 */
@Controller()
export class FeatureRowBatchHandler {
  constructor(
    private readonly ingest: IngestRowsUseCase,
    @Inject(APP_CONFIG) private readonly config: FeatureIngestConfig,
  ) {}

  @EventPattern('FeatureRowBatch', BATCH)
  async onBatches(@Payload() batches: EventBatch<FeatureRowBatch>) {
    await this.ingest.executeAll(
      batches.map(({ event: batch, ctx }) => ({
        featureView: batch.featureView,
        featureViewVersion: batch.featureViewVersion,
        batchId: batch.batchId,
        source: 'STREAM' as const,
        sourceUri: `${ctx.topic}/${ctx.partition}/${ctx.offset}`,
        policy: this.config.INGEST_BATCH_POLICY,
        valuesAsText: false,
        rows: batch.rows,
        toCandidate: fromAvro,
        actor: batch.meta.actor,
        causedBy: batch.meta,
      })),
      batches[0].ctx.manager,
    );
  }
}
