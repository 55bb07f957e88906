import { Body, Controller, Get, Inject, NotFoundException, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { actorOf } from '@provenant/events';
import { APP_CONFIG, CurrentPrincipal, Roles, type Principal } from '@provenant/platform';
import type { MaterializerConfig } from '../config';
import { CreateTrainingSetUseCase } from './create-training-set.usecase';
import { FeatureCatalog } from './feature-catalog';
import { CONTENT_TYPES } from './training-set-file';
import { parseTrainingSetRequest } from './training-set-request';

@ApiTags('training-sets')
@ApiBearerAuth()
@Controller()
export class TrainingSetsHttpController {
  constructor(
    private readonly create: CreateTrainingSetUseCase,
    private readonly catalog: FeatureCatalog,
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: MaterializerConfig,
  ) {}

  /**
   * Answers the file itself (CSV, Parquet or JSON), with the training set's id and digest in
   * headers; the same facts go out as TrainingSetCreated.
   */
  @Post('training-sets')
  @Roles('scientist', 'pipeline')
  @ApiOperation({
    summary: 'Build a point-in-time-correct training set from entity rows and feature references',
  })
  async build(
    @Body() body: Record<string, unknown>,
    @CurrentPrincipal() principal: Principal,
    @Res() res: Response,
  ) {
    const req = parseTrainingSetRequest(body, this.config.TRAINING_SET_MAX_ENTITY_ROWS);
    const { bytes, event } = await this.create.execute(req, actorOf(principal));
    res
      .status(201)
      .set({
        'content-type': CONTENT_TYPES[req.format],
        'x-training-set-id': event.trainingSetId,
        'x-training-set-digest': event.digest,
        'x-training-set-rows': String(event.rowCount),
        'x-training-set-features': event.featureViews.map((v) => `${v.name}@v${v.version}`).join(','),
      })
      .send(bytes);
  }

  /** A feature view as the materializer knows it, from the registry's events. */
  @Get('catalog/feature-views/:name')
  @ApiOperation({
    summary: "A feature view as the materializer knows it (current version, with its entities' join keys)",
  })
  async view(@Param('name') name: string) {
    const view = await this.catalog.view(this.dataSource.manager, name);
    if (!view) throw new NotFoundException(`unknown feature view ${name}`);
    return view;
  }
}
