import { All, Body, Controller, Post, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import { MlflowApi, PostReads } from './mlflow-roles';
import { MlflowError } from '@provenant/platform';

/**
 * Registered last. MLflow 3 clients probe the LoggedModel API (e.g. listing a run's artifacts
 * under a path searches for a logged model of that name); the tracker stores no logged models, so
 * the search is truthfully empty. Any other unknown MLflow route answers ENDPOINT_NOT_FOUND in
 * MLflow's shape, which the client reports as such rather than as an internal error.
 */
@ApiExcludeController()
@MlflowApi()
@Controller('api')
export class MlflowFallbackHttpController {
  @Post('2.0/mlflow/logged-models/search')
  @PostReads()
  searchLoggedModels(@Body() _body: unknown) {
    return { models: [] };
  }

  @All(['2.0/mlflow/*rest', '2.0/mlflow-artifacts/*rest', '3.0/mlflow/*rest'])
  @PostReads()
  notFound(@Req() req: Request): never {
    throw new MlflowError(
      'ENDPOINT_NOT_FOUND',
      `No MLflow endpoint ${req.method} ${req.path} on this server.`,
    );
  }
}
