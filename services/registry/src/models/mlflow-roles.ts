import { applyDecorators, HttpCode, UseFilters } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { MlflowExceptionFilter, Roles } from '@provenant/platform';

/** Registry writes: people and pipelines producing models; approvers may edit too. */
export const Writes = () => applyDecorators(Roles('scientist', 'pipeline', 'approver'), HttpCode(200));

/** POST endpoints that only read (e.g. get-latest-versions): any authenticated role. */
export const PostReads = () =>
  applyDecorators(Roles('scientist', 'pipeline', 'approver', 'auditor'), HttpCode(200));

/** Every MLflow-compatible registry controller answers errors in MLflow's shape. */
export const MlflowRegistryApi = () =>
  applyDecorators(UseFilters(MlflowExceptionFilter), ApiTags('mlflow model registry'), ApiBearerAuth());

export const MLFLOW_PREFIX = 'api/2.0/mlflow';
