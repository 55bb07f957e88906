import { HttpException } from '@nestjs/common';

/**
 * MLflow's error codes and the HTTP status each maps to (mlflow/exceptions.py,
 * ERROR_CODE_TO_HTTP_STATUS). RESOURCE_ALREADY_EXISTS is a 400 there, not 409. The tracker and
 * the registry both speak MLflow's REST API, so both answer with these.
 */
const STATUS = {
  INVALID_PARAMETER_VALUE: 400,
  BAD_REQUEST: 400,
  RESOURCE_ALREADY_EXISTS: 400,
  RESOURCE_DOES_NOT_EXIST: 404,
  ENDPOINT_NOT_FOUND: 404,
  RESOURCE_CONFLICT: 409,
  UNAUTHENTICATED: 401,
  PERMISSION_DENIED: 403,
  INTERNAL_ERROR: 500,
} as const;

export type MlflowErrorCode = keyof typeof STATUS;

/** An HttpException too, so a service's non-MLflow routes answer it with the same status. */
export class MlflowError extends HttpException {
  constructor(
    readonly errorCode: MlflowErrorCode,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super({ error_code: errorCode, message, ...extra }, STATUS[errorCode]);
    this.name = 'MlflowError';
  }

  get httpStatus(): number {
    return STATUS[this.errorCode];
  }

  static invalid(message: string): MlflowError {
    return new MlflowError('INVALID_PARAMETER_VALUE', message);
  }

  static notFound(message: string): MlflowError {
    return new MlflowError('RESOURCE_DOES_NOT_EXIST', message);
  }

  static exists(message: string): MlflowError {
    return new MlflowError('RESOURCE_ALREADY_EXISTS', message);
  }
}
