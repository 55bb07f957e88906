import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { EntityApplied, FeatureViewApplied, MaterializationCompleted } from '@provenant/contracts';
import type { EventContext } from '@provenant/events';
import { DefinitionProjection } from './definition-projection';

/** Learns definitions and watermarks from events; each effect in the event's own transaction. */
@Controller()
export class DefinitionEventsHandler {
  constructor(private readonly projection: DefinitionProjection) {}

  @EventPattern('EntityApplied')
  onEntity(@Payload() event: EntityApplied, @Ctx() ctx: EventContext) {
    return this.projection.applyEntity(ctx.manager, event);
  }

  @EventPattern('FeatureViewApplied')
  onView(@Payload() event: FeatureViewApplied, @Ctx() ctx: EventContext) {
    return this.projection.applyView(ctx.manager, event);
  }

  @EventPattern('MaterializationCompleted')
  onMaterialized(@Payload() event: MaterializationCompleted, @Ctx() ctx: EventContext) {
    return this.projection.applyWatermark(ctx.manager, event);
  }
}
