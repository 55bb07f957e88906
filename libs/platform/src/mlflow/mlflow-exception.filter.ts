import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { MlflowError, type MlflowErrorCode } from './mlflow-error';

const CODE_OF_STATUS: Record<number, MlflowErrorCode> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'ENDPOINT_NOT_FOUND',
  409: 'RESOURCE_CONFLICT',
  413: 'INVALID_PARAMETER_VALUE',
};

/**
 * Answers every error of the MLflow-compatible routes in MLflow's shape,
 * `{"error_code": ..., "message": ...}`, so the Python client raises the exception it expects
 * (it branches on the code, e.g. set_experiment creates on RESOURCE_DOES_NOT_EXIST).
 */
@Catch()
export class MlflowExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('mlflow');

  catch(error: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const { status, body } = mlflowErrorAnswer(error);
    if (status >= 500) this.logger.error(error);
    res.status(status).json(body);
  }
}

/** MLflow's error body for any error; also the fast routes' `answerError` on MLflow routes. */
export function mlflowErrorAnswer(error: unknown): { status: number; body: object } {
  if (error instanceof MlflowError)
    return {
      status: error.httpStatus,
      body: { error_code: error.errorCode, message: error.message, ...error.extra },
    };
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const payload = error.getResponse();
    const message =
      typeof payload === 'object' && payload !== null && 'message' in payload
        ? String((payload as { message: unknown }).message)
        : error.message;
    const extra =
      typeof payload === 'object' && payload !== null && 'requiredRoles' in payload
        ? { required_roles: (payload as { requiredRoles: unknown }).requiredRoles }
        : {};
    return { status, body: { error_code: CODE_OF_STATUS[status] ?? 'INTERNAL_ERROR', message, ...extra } };
  }
  return { status: 500, body: { error_code: 'INTERNAL_ERROR', message: 'internal error' } };
}
