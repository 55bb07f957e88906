import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { CurrentPrincipal, id, int64, keyValue, parseRequest, type Principal } from '@provenant/platform';
import { MlflowApi, PostReads, Writes } from '../mlflow/mlflow-roles';
import { searchRunsRequest, SearchRunsUseCase } from '../search/search-runs.usecase';
import { ChangeRunUseCase } from './change-run.usecase';
import { CreateRunUseCase } from './create-run.usecase';
import { RUN_STATUSES } from './run.model';
import { RunStore } from './run.store';
import { toMlflowRun, toMlflowRunInfo } from './run.view';
import { UpdateRunUseCase } from './update-run.usecase';

const createRequest = z.object({
  experiment_id: id.optional().default('0'),
  run_name: z.string().optional(),
  start_time: int64.optional(),
  user_id: z.string().optional(),
  tags: z.array(keyValue).optional().default([]),
});
/** `run_uuid` is MLflow's deprecated alias of `run_id`; old clients still send only it. */
const runRef = z
  .object({ run_id: id.optional(), run_uuid: id.optional() })
  .passthrough()
  .transform((r, ctx) => {
    const runId = r.run_id ?? r.run_uuid;
    if (!runId)
      ctx.addIssue({
        code: z.ZodIssueCode.invalid_type,
        expected: 'string',
        received: 'undefined',
        path: ['run_id'],
      });
    return { ...r, run_id: runId ?? '' };
  });
const updateRequest = z.object({
  status: z.enum(RUN_STATUSES).optional(),
  end_time: int64.optional(),
  run_name: z.string().optional(),
});

export function runIdOf(input: unknown): string {
  return parseRequest(runRef, input).run_id;
}

/** MLflow REST 2.0 runs (mlflow/protos/service.proto). */
@ApiTags('mlflow runs')
@MlflowApi()
@Controller('api/2.0/mlflow/runs')
export class RunsHttpController {
  constructor(
    private readonly db: DataSource,
    private readonly runs: RunStore,
    private readonly createRun: CreateRunUseCase,
    private readonly updateRun: UpdateRunUseCase,
    private readonly changeRun: ChangeRunUseCase,
    private readonly search: SearchRunsUseCase,
  ) {}

  @Post('create')
  @Writes()
  async create(@Body() body: unknown, @CurrentPrincipal() principal: Principal) {
    const req = parseRequest(createRequest, body);
    const run = await this.createRun.execute({
      experimentId: req.experiment_id,
      runName: req.run_name,
      startTime: req.start_time,
      userId: req.user_id,
      tags: req.tags,
      principal,
    });
    return { run: toMlflowRun(run) };
  }

  @Get('get')
  async get(@Query() query: unknown) {
    return { run: toMlflowRun(await this.runs.get(this.db.manager, runIdOf(query))) };
  }

  @Post('update')
  @Writes()
  async update(@Body() body: unknown, @CurrentPrincipal() principal: Principal) {
    const runId = runIdOf(body);
    const req = parseRequest(updateRequest, body);
    const info = await this.updateRun.execute({
      runId,
      status: req.status,
      endTime: req.end_time,
      runName: req.run_name,
      principal,
    });
    return { run_info: toMlflowRunInfo(info) };
  }

  @Post('delete')
  @Writes()
  async delete(@Body() body: unknown, @CurrentPrincipal() principal: Principal) {
    await this.changeRun.execute(runIdOf(body), { kind: 'delete' }, principal);
    return {};
  }

  @Post('restore')
  @Writes()
  async restore(@Body() body: unknown, @CurrentPrincipal() principal: Principal) {
    await this.changeRun.execute(runIdOf(body), { kind: 'restore' }, principal);
    return {};
  }

  @Post('search')
  @PostReads()
  async searchRuns(@Body() body: unknown) {
    const result = await this.search.execute(parseRequest(searchRunsRequest, body));
    return {
      runs: result.runs.map(toMlflowRun),
      ...(result.nextPageToken ? { next_page_token: result.nextPageToken } : {}),
    };
  }
}
