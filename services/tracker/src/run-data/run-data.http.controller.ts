import { Body, Controller, Post, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { z } from 'zod';
import { CurrentPrincipal, keyValue, parseRequest, type Principal } from '@provenant/platform';
import { MlflowApi, Writes } from '../mlflow/mlflow-roles';
import { runIdOf } from '../runs/runs.http.controller';
import { ChangeRunUseCase } from '../runs/change-run.usecase';
import { logBatchRequest, metricInput } from './log-batch.command';
import { LogBatchUseCase, type LogBatchCommand } from './log-batch.usecase';
import { logInputsRequest, LogInputsUseCase } from './log-inputs.usecase';

const bodyBytes = (req: Request) =>
  Number(req.headers['content-length'] ?? JSON.stringify(req.body ?? {}).length);

/** Logging to a run. log-metric, log-parameter and set-tag are one-element log-batches. */
@ApiTags('mlflow runs')
@MlflowApi()
@Controller('api/2.0/mlflow/runs')
export class RunDataHttpController {
  constructor(
    private readonly logBatch: LogBatchUseCase,
    private readonly logInputs: LogInputsUseCase,
    private readonly changeRun: ChangeRunUseCase,
  ) {}

  @Post('log-batch')
  @Writes()
  async batch(@Body() body: unknown, @Req() req: Request, @CurrentPrincipal() principal: Principal) {
    const runId = runIdOf(body);
    const b = parseRequest(logBatchRequest, body);
    await this.log({
      runId,
      metrics: b.metrics,
      params: b.params,
      tags: b.tags,
      bodyBytes: bodyBytes(req),
      principal,
    });
    return {};
  }

  @Post('log-metric')
  @Writes()
  async metric(@Body() body: unknown, @CurrentPrincipal() principal: Principal) {
    const runId = runIdOf(body);
    await this.log({
      runId,
      metrics: [parseRequest(metricInput, body)],
      params: [],
      tags: [],
      bodyBytes: 0,
      principal,
    });
    return {};
  }

  @Post('log-parameter')
  @Writes()
  async param(@Body() body: unknown, @CurrentPrincipal() principal: Principal) {
    const runId = runIdOf(body);
    await this.log({
      runId,
      metrics: [],
      params: [parseRequest(keyValue, body)],
      tags: [],
      bodyBytes: 0,
      principal,
    });
    return {};
  }

  @Post('set-tag')
  @Writes()
  async setTag(@Body() body: unknown, @CurrentPrincipal() principal: Principal) {
    const runId = runIdOf(body);
    await this.log({
      runId,
      metrics: [],
      params: [],
      tags: [parseRequest(keyValue, body)],
      bodyBytes: 0,
      principal,
    });
    return {};
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

  private log(cmd: LogBatchCommand) {
    return this.logBatch.execute(cmd);
  }
}
