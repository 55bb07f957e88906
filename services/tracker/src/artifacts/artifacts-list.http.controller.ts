import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { MlflowApi } from '../mlflow/mlflow-roles';
import { runIdOf } from '../runs/run-requests';
import { RunStore } from '../runs/run.store';
import { ArtifactStore } from './artifact.store';
import { safeArtifactPath } from './artifact-path';
import { parseRequest } from '@provenant/platform';

/** GET artifacts/list: a run's artifacts, paths relative to its artifact root. */
@ApiTags('mlflow artifacts')
@MlflowApi()
@Controller('api/2.0/mlflow/artifacts')
export class ArtifactsListHttpController {
  constructor(
    private readonly db: DataSource,
    private readonly runs: RunStore,
    private readonly artifacts: ArtifactStore,
  ) {}

  @Get('list')
  async list(@Query() query: unknown) {
    const runId = runIdOf(query);
    const { path } = parseRequest(z.object({ path: z.string().optional() }), query);
    const info = await this.runs.info(this.db.manager, runId);
    const root = info.artifactUri.replace(/^mlflow-artifacts:(\/\/[^/]*)?\/*/, '');
    const rel = path ? safeArtifactPath(path) : '';
    const files = await this.artifacts.list(this.db.manager, rel ? `${root}/${rel}` : root);
    return {
      root_uri: info.artifactUri,
      files: files.map((f) => ({ ...f, path: rel ? `${rel}/${f.path}` : f.path })),
    };
  }
}
