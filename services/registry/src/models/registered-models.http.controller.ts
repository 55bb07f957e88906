import { Body, Controller, Delete, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentPrincipal, int64, parseRequest, type Principal, queryList } from '@provenant/platform';
import { CreateRegisteredModelUseCase } from './create-registered-model.usecase';
import { keyValue, modelName, tagKey, tagsToMap } from './mlflow-request';
import { MLFLOW_PREFIX, MlflowRegistryApi, PostReads, Writes } from './mlflow-roles';
import { ModelEditsUseCase } from './model-edits.usecase';
import { ModelReadsQuery } from './model-reads.query';
import { SearchRegistryQuery } from './search-registry.query';

const create = z.object({
  name: modelName,
  description: z.string().optional(),
  tags: z.array(keyValue).optional(),
});
const named = z.object({ name: modelName });
const search = z.object({
  filter: z.string().optional(),
  max_results: int64.pipe(z.number().int().min(1).max(1000)).default(100),
  order_by: queryList,
  page_token: z.string().optional(),
});

/** MLflow REST 2.0 `registered-models/*` (model_registry.proto). */
@MlflowRegistryApi()
@Controller(`${MLFLOW_PREFIX}/registered-models`)
export class RegisteredModelsHttpController {
  constructor(
    private readonly createModel: CreateRegisteredModelUseCase,
    private readonly edits: ModelEditsUseCase,
    private readonly reads: ModelReadsQuery,
    private readonly searches: SearchRegistryQuery,
  ) {}

  @Post('create')
  @Writes()
  @ApiOperation({ summary: 'Create a registered model (RegisteredModelCreated)' })
  async create(@Body() body: unknown, @CurrentPrincipal() principal: Principal) {
    const req = parseRequest(create, body);
    const cmd = { name: req.name, description: req.description ?? null, tags: tagsToMap(req.tags) };
    await this.createModel.execute(cmd, principal);
    return { registered_model: await this.reads.model(req.name) };
  }

  @Get('get')
  async get(@Query() query: unknown) {
    return { registered_model: await this.reads.model(parseRequest(named, query).name) };
  }

  @Get('search')
  searchGet(@Query() query: unknown) {
    const req = parseRequest(search, query);
    return this.searches.models({
      ...req,
      maxResults: req.max_results,
      orderBy: req.order_by,
      pageToken: req.page_token,
    });
  }

  @Post('rename')
  @Writes()
  async rename(@Body() body: unknown) {
    const req = parseRequest(named.extend({ new_name: modelName }), body);
    await this.edits.rename(req.name, req.new_name);
    return { registered_model: await this.reads.model(req.new_name) };
  }

  @Patch('update')
  @Writes()
  async update(@Body() body: unknown) {
    const req = parseRequest(named.extend({ description: z.string().optional() }), body);
    await this.edits.describe({ name: req.name }, req.description ?? null);
    return { registered_model: await this.reads.model(req.name) };
  }

  @Delete('delete')
  @Writes()
  async delete(@Body() body: unknown) {
    await this.edits.delete({ name: parseRequest(named, body).name });
    return {};
  }

  @Post('get-latest-versions')
  @PostReads()
  latestPost(@Body() body: unknown) {
    const req = parseRequest(named.extend({ stages: z.array(z.string()).optional() }), body);
    return this.reads.latestVersions(req.name, req.stages ?? []);
  }

  @Get('get-latest-versions')
  latestGet(@Query() query: unknown) {
    const req = parseRequest(named.extend({ stages: queryList }), query);
    return this.reads.latestVersions(req.name, req.stages);
  }

  @Post('set-tag')
  @Writes()
  async setTag(@Body() body: unknown) {
    const req = parseRequest(named.merge(keyValue), body);
    await this.edits.setTag({ name: req.name }, req.key, req.value);
    return {};
  }

  @Delete('delete-tag')
  @Writes()
  async deleteTag(@Body() body: unknown) {
    const req = parseRequest(named.extend({ key: tagKey }), body);
    await this.edits.setTag({ name: req.name }, req.key, null);
    return {};
  }
}
