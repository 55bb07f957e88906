import { z } from 'zod';
import { MlflowError } from './mlflow-error';

// Request fields of MLflow's REST API (tracking and registry), as the MLflow Python client sends them: proto JSON, where int64 may arrive as a
// string and doubles as the strings "NaN"/"Infinity" (protobuf's JSON mapping).

export const int64 = z.union([
  z.number().int(),
  z
    .string()
    .regex(/^-?\d+$/)
    .transform(Number),
]);

export const double = z.union([
  z.number(),
  z.enum(['NaN', 'Infinity', '-Infinity']).transform(Number),
  z
    .string()
    .regex(/^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/)
    .transform(Number),
]);

/** Experiment and run ids travel as strings; a bare number is accepted too. */
export const id = z.union([z.string().min(1), z.number().int().transform(String)]);

export const keyValue = z.object({
  key: z.string(),
  value: z.union([z.string(), z.number(), z.boolean()]).transform(String),
});
export type KeyValueInput = z.infer<typeof keyValue>;

/** GET arguments arrive as query strings; repeated keys become arrays. */
export const queryList = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));

/**
 * Validates a request; a bad field gives INVALID_PARAMETER_VALUE naming it, as MLflow's
 * `_get_request_message` does, before anything is read or written.
 */
export function parseRequest<S extends z.ZodTypeAny>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue.path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
  const missing = issue.code === 'invalid_type' && issue.received === 'undefined';
  throw MlflowError.invalid(
    missing
      ? `Missing value for required parameter '${field}'.`
      : `Invalid value for parameter '${field}': ${issue.message}.`,
  );
}

/** Proto JSON for a double: non-finite values as the strings the protobuf parser accepts. */
export function jsonDouble(value: number): number | string {
  if (Number.isFinite(value)) return value;
  if (Number.isNaN(value)) return 'NaN';
  return value > 0 ? 'Infinity' : '-Infinity';
}
