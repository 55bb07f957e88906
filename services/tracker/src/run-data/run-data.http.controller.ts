import { Body, Controller, Post, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { z } from 'zod';
import { CurrentPrincipal, parseRequest, type Principal } from '@provenant/platform';
import { MlflowApi, Writes } from '../mlflow/mlflow-roles';
import { RunRequests, runIdOf } from '../runs/run-requests';
import { ChangeRunUseCase } from '../runs/change-run.usecase';
import { logInputsRequest, LogInputsUseCase } from './log-inputs.usecase';

const bodyBytes = (req: Request) =>
  Number(req.headers['content-length'] ?? JSON.stringify(req.body ?? {}).length);

/** Logging to a run. log-batch, log-metric, log-parameter and set-tag also have fast routes. */
@ApiTags('mlflow runs')
@MlflowApi()
@Controller('api/2.0/mlflow/runs')
export class RunDataHttpController {
  constructor(
    private readonly requests: RunRequests,
    private readonly logInputs: LogInputsUseCase,
    private readonly changeRun: ChangeRunUseCase,
  ) {}

  @Post('log-batch')
  @Writes()
  batch(@Body() body: unknown, @Req() req: Request, @CurrentPrincipal() principal: Principal) {
    return this.requests.batch(body, bodyBytes(req), principal);
  }

  @Post('log-metric')
  @Writes()
  metric(@Body() body: unknown, @CurrentPrincipal() principal: Principal) {
    return this.requests.metric(body, principal);
  }

  @Post('log-parameter')
  @Writes()
  param(@Body() body: unknown, @CurrentPrincipal() principal: Principal) {
    return this.requests.param(body, principal);
  }

  @Post('set-tag')
  @Writes()
  setTag(@Body() body: unknown, @CurrentPrincipal() principal: Principal) {
    return this.requests.setTag(body, principal);
  }

  @Post('delete-tag')
  @Writes()
  async deleteTag(@Body() body: unknown, @CurrentPrincipal() principal: Principal) {
    const { key } = parseRequest(z.object({ key: z.string() }), body);
    await this.changeRun.execute(runIdOf(body), { kind: 'delete-tag', key }, principal);
    return {};
  }

  @Post('log-inputs')
  @Writes()
  async inputs(@Body() body: unknown, @CurrentPrincipal() principal: Principal) {
    await this.logInputs.execute(
      parseRequest(logInputsRequest, { ...(body as object), run_id: runIdOf(body) }),
      principal,
    );
    return {};
  }
}
