import { applyDecorators, HttpCode, UseFilters } from '@nestjs/common';
import { MlflowExceptionFilter, Roles, type Role } from '@provenant/platform';

/** Who writes tracking data: people running experiments and pipelines. */
export const WRITER_ROLES: Role[] = ['scientist', 'pipeline'];

export const Writes = () => applyDecorators(Roles(...WRITER_ROLES), HttpCode(200));

/** POST endpoints that only read (MLflow's searches): any authenticated role. */
export const PostReads = () =>
  applyDecorators(Roles('scientist', 'pipeline', 'approver', 'auditor'), HttpCode(200));

/** Every MLflow-compatible controller answers errors in MLflow's shape. */
export const MlflowApi = () => UseFilters(MlflowExceptionFilter);
