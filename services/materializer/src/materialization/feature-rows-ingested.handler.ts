import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { FeatureRowsIngested } from '@provenant/contracts';
import type { EventContext } from '@provenant/events';
import { MaterializeIngestedBatchUseCase } from './materialize-ingested-batch.usecase';

/** Accepted batches into the online store (streaming materialization). */
@Controller()
export class FeatureRowsIngestedHandler {
  constructor(private readonly materialize: MaterializeIngestedBatchUseCase) {}

  @EventPattern('FeatureRowsIngested')
  async onIngested(@Payload() event: FeatureRowsIngested, @Ctx() ctx: EventContext): Promise<void> {
    await this.materialize.execute(event, ctx.manager);
  }
}
