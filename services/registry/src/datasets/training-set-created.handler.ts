import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { TrainingSetCreated } from '@provenant/contracts';
import type { EventContext } from '@provenant/events';
import { RegisterTrainingSetUseCase } from './register-training-set.usecase';

/** Training sets from the feature store (provenant.datasets.v1) become dataset versions. */
@Controller()
export class TrainingSetCreatedHandler {
  constructor(private readonly register: RegisterTrainingSetUseCase) {}

  @EventPattern('TrainingSetCreated')
  onTrainingSet(@Payload() e: TrainingSetCreated, @Ctx() ctx: EventContext) {
    return this.register.execute(e, ctx.manager);
  }
}
