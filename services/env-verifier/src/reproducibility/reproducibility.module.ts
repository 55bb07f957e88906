import { Module } from '@nestjs/common';
import { CheckReproducibilityUseCase } from './check-reproducibility.usecase';
import { ReproducibilityHttpController } from './reproducibility.http.controller';
import { ReproducibilityStore } from './reproducibility.store';

@Module({
  controllers: [ReproducibilityHttpController],
  providers: [ReproducibilityStore, CheckReproducibilityUseCase],
})
export class ReproducibilityModule {}
