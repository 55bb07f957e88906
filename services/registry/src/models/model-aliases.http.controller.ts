import { Body, Controller, Delete, Get, Post, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentPrincipal, parseRequest, type Principal } from '@provenant/platform';
import { modelName, versionNumber } from './mlflow-request';
import { MLFLOW_PREFIX, MlflowRegistryApi, Writes } from './mlflow-roles';
import { ModelEditsUseCase } from './model-edits.usecase';
import { ModelReadsQuery } from './model-reads.query';

const aliasOf = z.object({ name: modelName, alias: z.string().min(1) });

/** MLflow REST 2.0 `registered-models/alias` (set, delete, get by alias). */
@MlflowRegistryApi()
@Controller(`${MLFLOW_PREFIX}/registered-models/alias`)
export class ModelAliasesHttpController {
  constructor(
    private readonly edits: ModelEditsUseCase,
    private readonly reads: ModelReadsQuery,
  ) {}

  @Post()
  @Writes()
  @ApiOperation({ summary: 'Point an alias at a version (ModelVersionPromoted); `production` is governed' })
  async set(@Body() body: unknown, @CurrentPrincipal() principal: Principal) {
    const req = parseRequest(aliasOf.extend({ version: versionNumber }), body);
    await this.edits.setAlias(req.name, req.alias, req.version, principal);
    return {};
  }

  @Delete()
  @Writes()
  async remove(@Body() body: unknown) {
    const req = parseRequest(aliasOf, body);
    await this.edits.deleteAlias(req.name, req.alias);
    return {};
  }

  @Get()
  async get(@Query() query: unknown) {
    const req = parseRequest(aliasOf, query);
    return { model_version: await this.reads.byAlias(req.name, req.alias) };
  }
}
