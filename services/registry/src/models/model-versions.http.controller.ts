import { Body, Controller, Delete, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentPrincipal, int64, parseRequest, type Principal, queryList } from '@provenant/platform';
import { CreateModelVersionUseCase } from './create-model-version.usecase';
import { keyValue, modelName, tagKey, tagsToMap, versionNumber } from './mlflow-request';
import { MLFLOW_PREFIX, MlflowRegistryApi, Writes } from './mlflow-roles';
import { ModelEditsUseCase } from './model-edits.usecase';
import { ModelReadsQuery } from './model-reads.query';
import { SearchRegistryQuery } from './search-registry.query';

const signature = z.object({
  inputs: z.string().min(1),
  outputs: z.string().min(1),
  params: z
    .string()
    .nullish()
    .transform((p) => p ?? null),
});
const create = z.object({
  name: modelName,
  source: z.string().min(1, 'must not be empty'),
  run_id: z.string().min(1).optional(),
  run_link: z.string().optional(),
  description: z.string().optional(),
  tags: z.array(keyValue).optional(),
  // Provenant extensions: the model's content digest and MLflow ModelSignature as JSON text.
  artifact_digest: z.string().optional(),
  signature: signature.optional(),
  // Record `model/<name>/v<N>` as the version's git tag; the CLI creates it on the run's commit.
  git_tag: z.boolean().optional(),
});
const versionOf = z.object({ name: modelName, version: versionNumber });
const search = z.object({
  filter: z.string().optional(),
  max_results: int64.pipe(z.number().int().min(1).max(200_000)).default(10_000),
  order_by: queryList,
  page_token: z.string().optional(),
});

/** MLflow REST 2.0 `model-versions/*` (model_registry.proto); stage transitions live in promotion/. */
@MlflowRegistryApi()
@Controller(`${MLFLOW_PREFIX}/model-versions`)
export class ModelVersionsHttpController {
  constructor(
    private readonly createVersion: CreateModelVersionUseCase,
    private readonly edits: ModelEditsUseCase,
    private readonly reads: ModelReadsQuery,
    private readonly searches: SearchRegistryQuery,
  ) {}

  @Post('create')
  @Writes()
  @ApiOperation({ summary: 'Create a model version from a run and artifact (ModelVersionRegistered)' })
  async create(@Body() body: unknown, @CurrentPrincipal() principal: Principal) {
    const req = parseRequest(create, body);
    const v = await this.createVersion.execute(
      {
        name: req.name,
        source: req.source,
        runId: req.run_id ?? null,
        runLink: req.run_link ?? null,
        description: req.description ?? null,
        tags: tagsToMap(req.tags),
        artifactDigest: req.artifact_digest ?? null,
        signature: req.signature ?? null,
        gitTag: req.git_tag ?? false,
      },
      principal,
    );
    return { model_version: await this.reads.version(v.name, v.version) };
  }

  @Get('get')
  async get(@Query() query: unknown) {
    const req = parseRequest(versionOf, query);
    return { model_version: await this.reads.version(req.name, req.version) };
  }

  @Patch('update')
  @Writes()
  async update(@Body() body: unknown) {
    const req = parseRequest(versionOf.extend({ description: z.string().optional() }), body);
    await this.edits.describe(req, req.description ?? null);
    return { model_version: await this.reads.version(req.name, req.version) };
  }

  @Delete('delete')
  @Writes()
  async delete(@Body() body: unknown) {
    await this.edits.delete(parseRequest(versionOf, body));
    return {};
  }

  @Get('search')
  searchGet(@Query() query: unknown) {
    const req = parseRequest(search, query);
    return this.searches.versions({
      ...req,
      maxResults: req.max_results,
      orderBy: req.order_by,
      pageToken: req.page_token,
    });
  }

  @Get('get-download-uri')
  async downloadUri(@Query() query: unknown) {
    const req = parseRequest(versionOf, query);
    return { artifact_uri: (await this.reads.version(req.name, req.version)).source };
  }

  @Post('set-tag')
  @Writes()
  async setTag(@Body() body: unknown) {
    const req = parseRequest(versionOf.merge(keyValue), body);
    await this.edits.setTag(req, req.key, req.value);
    return {};
  }

  @Delete('delete-tag')
  @Writes()
  async deleteTag(@Body() body: unknown) {
    const req = parseRequest(versionOf.extend({ key: tagKey }), body);
    await this.edits.setTag(req, req.key, null);
    return {};
  }
}
