import { applyDecorators, HttpCode, UseFilters } from '@nestjs/common';
import { MlflowExceptionFilter, Roles } from '@provenant/platform';

/** Writes to tracking data: people running experiments and pipelines. */
export const Writes = () => applyDecorators(Roles('scientist', 'pipeline'), HttpCode(200));

/** POST endpoints that only read (MLflow's searches): any authenticated role. */
export const PostReads = () =>
  applyDecorators(Roles('scientist', 'pipeline', 'approver', 'auditor'), HttpCode(200));

/** Every MLflow-compatible controller answers errors in MLflow's shape. */
export const MlflowApi = () => UseFilters(MlflowExceptionFilter);
