import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { EntityApplied, FeatureServiceApplied, FeatureViewApplied } from '@provenant/contracts';
import type { EventContext } from '@provenant/events';
import { FeatureCatalog } from './feature-catalog';

/**
 * Definitions from the registry's events into the materializer's catalog. The only handler of
 * these event types in this service: other capabilities read FeatureCatalog rather than adding
 * their own (Nest keeps one handler per pattern).
 */
@Controller()
export class FeatureCatalogHandler {
  constructor(private readonly catalog: FeatureCatalog) {}

  @EventPattern('EntityApplied')
  onEntity(@Payload() event: EntityApplied, @Ctx() ctx: EventContext) {
    return this.catalog.applyEntity(ctx.manager, event);
  }

  @EventPattern('FeatureViewApplied')
  onView(@Payload() event: FeatureViewApplied, @Ctx() ctx: EventContext) {
    return this.catalog.applyView(ctx.manager, event);
  }

  @EventPattern('FeatureServiceApplied')
  onService(@Payload() event: FeatureServiceApplied, @Ctx() ctx: EventContext) {
    return this.catalog.applyService(ctx.manager, event);
  }
}
