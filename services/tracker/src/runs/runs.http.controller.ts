import { Body, Controller, Get, Header, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { CurrentPrincipal, int64, parseRequest, type Principal } from '@provenant/platform';
import { MlflowApi, PostReads, Writes } from '../mlflow/mlflow-roles';
import { searchRunsRequest, SearchRunsUseCase } from '../search/search-runs.usecase';
import { ChangeRunUseCase } from './change-run.usecase';
import { RUN_STATUSES } from './run.model';
import { RunRequests, runIdOf } from './run-requests';
import { RunStore } from './run.store';
import { toMlflowRun, toMlflowRunInfo } from './run.view';
import { UpdateRunUseCase } from './update-run.usecase';

const updateRequest = z.object({
  status: z.enum(RUN_STATUSES).optional(),
  end_time: int64.optional(),
  run_name: z.string().optional(),
});

/** MLflow REST 2.0 runs (mlflow/protos/service.proto). runs/create also has a fast route. */
@ApiTags('mlflow runs')
@MlflowApi()
@Controller('api/2.0/mlflow/runs')
export class RunsHttpController {
  constructor(
    private readonly db: DataSource,
    private readonly runs: RunStore,
    private readonly requests: RunRequests,
    private readonly updateRun: UpdateRunUseCase,
    private readonly changeRun: ChangeRunUseCase,
    private readonly search: SearchRunsUseCase,
  ) {}

  @Post('create')
  @Writes()
  async create(@Body() body: unknown, @CurrentPrincipal() principal: Principal) {
    return this.requests.create(body, principal);
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

  /** The runs come as JSON text from PostgreSQL (`mlflowRunsJsonSql`) and are sent as they are. */
  @Post('search')
  @PostReads()
  @Header('content-type', 'application/json; charset=utf-8')
  async searchRuns(@Body() body: unknown): Promise<string> {
    const result = await this.search.execute(parseRequest(searchRunsRequest, body));
    const token = result.nextPageToken ? `,"next_page_token":${JSON.stringify(result.nextPageToken)}` : '';
    return `{"runs":[${result.runs.join(',')}]${token}}`;
  }
}
