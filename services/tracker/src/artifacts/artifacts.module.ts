import { Module } from '@nestjs/common';
import { ArtifactStore } from './artifact.store';
import { ArtifactsListHttpController } from './artifacts-list.http.controller';
import { ArtifactsProxyHttpController } from './artifacts-proxy.http.controller';
import { PutArtifactUseCase } from './put-artifact.usecase';
import { RunStore } from '../runs/run.store';

@Module({
  controllers: [ArtifactsProxyHttpController, ArtifactsListHttpController],
  providers: [ArtifactStore, PutArtifactUseCase, RunStore],
  exports: [ArtifactStore],
})
export class ArtifactsModule {}
