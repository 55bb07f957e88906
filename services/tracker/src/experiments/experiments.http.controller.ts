import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import {
  CurrentPrincipal,
  id,
  keyValue,
  MlflowError,
  parseRequest,
  type Principal,
  queryList,
} from '@provenant/platform';
import { MlflowApi, PostReads, Writes } from '../mlflow/mlflow-roles';
import { DataSource } from 'typeorm';
import { ChangeExperimentUseCase } from './change-experiment.usecase';
import { CreateExperimentUseCase } from './create-experiment.usecase';
import { ExperimentStore } from './experiment.store';
import { toMlflowExperiment } from './experiment.view';
import { searchExperimentsRequest, SearchExperimentsUseCase } from './search-experiments.usecase';

const createRequest = z.object({
  name: z.string(),
  artifact_location: z.string().optional(),
  tags: z.array(keyValue).optional().default([]),
});
const byId = z.object({ experiment_id: id });
const tagRequest = byId.extend({ key: z.string(), value: z.string().optional().default('') });

/** MLflow REST 2.0 experiments (mlflow/protos/service.proto). */
@ApiTags('mlflow experiments')
@MlflowApi()
@Controller('api/2.0/mlflow/experiments')
export class ExperimentsHttpController {
  constructor(
    private readonly db: DataSource,
    private readonly store: ExperimentStore,
    private readonly create: CreateExperimentUseCase,
    private readonly change: ChangeExperimentUseCase,
    private readonly search: SearchExperimentsUseCase,
  ) {}

  @Post('create')
  @Writes()
  async createExperiment(@Body() body: unknown, @CurrentPrincipal() principal: Principal) {
    const req = parseRequest(createRequest, body);
    return {
      experiment_id: await this.create.execute({
        name: req.name,
        artifactLocation: req.artifact_location,
        tags: req.tags,
        principal,
      }),
    };
  }

  @Get('get')
  async get(@Query() query: unknown) {
    const { experiment_id } = parseRequest(byId, query);
    return { experiment: toMlflowExperiment(await this.store.get(this.db.manager, experiment_id)) };
  }

  @Get('get-by-name')
  async getByName(@Query() query: unknown) {
    const { experiment_name } = parseRequest(z.object({ experiment_name: z.string() }), query);
    const found = await this.store.findByName(this.db.manager, experiment_name);
    if (!found) throw MlflowError.notFound(`Could not find experiment with name '${experiment_name}'`);
    return { experiment: toMlflowExperiment(found) };
  }

  @Post('search')
  @PostReads()
  searchPost(@Body() body: unknown) {
    return this.runSearch(body);
  }

  @Get('search')
  searchGet(@Query() query: Record<string, unknown>) {
    return this.runSearch({ ...query, order_by: queryList.parse(query.order_by) });
  }

  @Post('update')
  @Writes()
  async update(@Body() body: unknown) {
    const req = parseRequest(byId.extend({ new_name: z.string() }), body);
    await this.change.execute(req.experiment_id, { kind: 'rename', newName: req.new_name });
    return {};
  }

  @Post('delete')
  @Writes()
  async delete(@Body() body: unknown) {
    await this.change.execute(parseRequest(byId, body).experiment_id, { kind: 'delete' });
    return {};
  }

  @Post('restore')
  @Writes()
  async restore(@Body() body: unknown) {
    await this.change.execute(parseRequest(byId, body).experiment_id, { kind: 'restore' });
    return {};
  }

  @Post('set-experiment-tag')
  @Writes()
  async setTag(@Body() body: unknown) {
    const req = parseRequest(tagRequest, body);
    await this.change.execute(req.experiment_id, { kind: 'set-tag', key: req.key, value: req.value });
    return {};
  }

  @Post('delete-experiment-tag')
  @Writes()
  async deleteTag(@Body() body: unknown) {
    const req = parseRequest(tagRequest, body);
    await this.change.execute(req.experiment_id, { kind: 'delete-tag', key: req.key });
    return {};
  }

  private async runSearch(input: unknown) {
    const result = await this.search.execute(parseRequest(searchExperimentsRequest, input));
    return {
      experiments: result.experiments.map(toMlflowExperiment),
      ...(result.nextPageToken ? { next_page_token: result.nextPageToken } : {}),
    };
  }
}
