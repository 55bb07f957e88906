import { Controller, Get, HttpCode, Put, Query, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { BlobStore } from '@provenant/blob-store';
import { CurrentPrincipal, MlflowError, type Principal, Roles } from '@provenant/platform';
import { MlflowApi } from '../mlflow/mlflow-roles';
import { ArtifactStore } from './artifact.store';
import { safeArtifactPath } from './artifact-path';
import { PutArtifactUseCase } from './put-artifact.usecase';

export const ARTIFACTS_ROUTE = 'api/2.0/mlflow-artifacts/artifacts';

/** The path after the route, percent-decoded: the client quotes each segment. */
const pathOf = (req: Request) => decodeURIComponent(req.path.slice(`/${ARTIFACTS_ROUTE}/`.length));

/**
 * MLflow's artifact proxy (mlflow/server/handlers.py `_upload_artifact`, `_download_artifact`,
 * `_list_artifacts_mlflow_artifacts`): what `mlflow.log_artifact` and downloads call when the
 * run's artifact URI is `mlflow-artifacts:/...`.
 */
@ApiTags('mlflow artifacts')
@MlflowApi()
@Controller()
export class ArtifactsProxyHttpController {
  constructor(
    private readonly db: DataSource,
    private readonly artifacts: ArtifactStore,
    private readonly blobs: BlobStore,
    private readonly put: PutArtifactUseCase,
  ) {}

  @Put(`${ARTIFACTS_ROUTE}/*path`)
  @Roles('scientist', 'pipeline')
  @HttpCode(200)
  async upload(@Req() req: Request, @CurrentPrincipal() principal: Principal) {
    const contentType = req.headers['content-type'] ?? null;
    await this.put.execute({ path: pathOf(req), content: req, contentType, principal });
    return {};
  }

  @Get(`${ARTIFACTS_ROUTE}/*path`)
  async download(@Req() req: Request, @Res() res: Response) {
    const path = safeArtifactPath(pathOf(req));
    const found = await this.artifacts.find(this.db.manager, path);
    if (!found) throw MlflowError.notFound(`Artifact '${path}' does not exist.`);
    const content = await this.blobs.open(found.digest);
    res.status(200).set({
      'content-type': found.contentType ?? 'application/octet-stream',
      'content-length': String(found.sizeBytes),
      // Lets a client check what it received without trusting the transport.
      digest: `sha-256=${Buffer.from(found.digest.slice(7), 'hex').toString('base64')}`,
    });
    // On a digest mismatch the stream errors before its last chunk: the client sees a short read.
    content.on('error', () => res.destroy());
    // A client that hangs up must release the blob's file or S3 connection too.
    res.on('close', () => content.destroy());
    content.pipe(res);
  }

  @Get(ARTIFACTS_ROUTE)
  async list(@Query('path') path?: string) {
    const dir = path ? safeArtifactPath(path) : '';
    return { files: await this.artifacts.list(this.db.manager, dir) };
  }
}
