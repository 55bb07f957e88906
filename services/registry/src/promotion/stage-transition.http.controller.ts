import { Body, Controller, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentPrincipal, parseRequest, type Principal } from '@provenant/platform';
import { modelName, versionNumber } from '../models/mlflow-request';
import { MLFLOW_PREFIX, MlflowRegistryApi, Writes } from '../models/mlflow-roles';
import { ModelReadsQuery } from '../models/model-reads.query';
import { parseStage } from '../models/stages';
import { TransitionStageUseCase } from './transition-stage.usecase';

const transition = z.object({
  name: modelName,
  version: versionNumber,
  stage: z.string().min(1),
  archive_existing_versions: z.union([z.boolean(), z.enum(['true', 'false']).transform((b) => b === 'true')]),
});

/** MLflow REST 2.0 `model-versions/transition-stage`, governed (see TransitionStageUseCase). */
@MlflowRegistryApi()
@Controller(`${MLFLOW_PREFIX}/model-versions`)
export class StageTransitionHttpController {
  constructor(
    private readonly transition: TransitionStageUseCase,
    private readonly reads: ModelReadsQuery,
  ) {}

  @Post('transition-stage')
  @Writes()
  @ApiOperation({
    summary: 'MLflow stage API mapped onto aliases; Staging/Production go through promotion gates',
  })
  async transitionStage(@Body() body: unknown, @CurrentPrincipal() principal: Principal) {
    const req = parseRequest(transition, body);
    const stage = parseStage(req.stage);
    await this.transition.execute(
      { name: req.name, version: req.version, stage, archiveExisting: req.archive_existing_versions },
      principal,
    );
    return { model_version: await this.reads.version(req.name, req.version) };
  }
}
