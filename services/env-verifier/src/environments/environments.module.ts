import { Module } from '@nestjs/common';
import { EnvironmentReferenceResolver } from './environment-reference';
import { EnvironmentStore } from './environment.store';
import { EnvironmentsHttpController } from './environments.http.controller';
import { ParityMatrixUseCase } from './parity-matrix.usecase';
import { RecordEnvironmentUseCase } from './record-environment.usecase';
import { SetTargetUseCase } from './set-target.usecase';
import { VerifyEnvironmentUseCase } from './verify-environment.usecase';

@Module({
  controllers: [EnvironmentsHttpController],
  providers: [
    EnvironmentStore,
    EnvironmentReferenceResolver,
    RecordEnvironmentUseCase,
    VerifyEnvironmentUseCase,
    SetTargetUseCase,
    ParityMatrixUseCase,
  ],
})
export class EnvironmentsModule {}
