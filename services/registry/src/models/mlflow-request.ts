import { z } from 'zod';
import { MlflowError } from './mlflow-error';

// Request fields as the MLflow Python client sends them: proto JSON, where int64 may arrive as a
// string; GET arguments arrive as query strings.

export const int64 = z.union([
  z.number().int(),
  z
    .string()
    .regex(/^-?\d+$/)
    .transform(Number),
]);

/** Model version numbers travel as strings ("3"); MLflow rejects anything but a positive integer. */
export const versionNumber = z.union([
  z.number().int().positive(),
  z
    .string()
    .regex(/^[1-9]\d*$/, 'must be a positive integer')
    .transform(Number),
]);

// MLflow validation.py: registry tag key ≤250, value ≤5000; names must be non-empty.
export const modelName = z.string().min(1, 'must not be empty').max(500);
export const tagKey = z.string().min(1).max(250);
export const keyValue = z.object({
  key: tagKey,
  value: z.union([z.string(), z.number(), z.boolean()]).transform(String).pipe(z.string().max(5000)),
});

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

export const tagsToMap = (tags: { key: string; value: string }[] | undefined) =>
  Object.fromEntries((tags ?? []).map((t) => [t.key, t.value]));

export const mapToTags = (tags: Record<string, string>) =>
  Object.entries(tags)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, value]) => ({ key, value }));

/** MLflow page tokens are opaque; ours is base64 JSON `{offset}` like MLflow's own. */
export function decodePageToken(token: string | undefined): number {
  if (!token) return 0;
  try {
    const offset = (JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { offset?: unknown }).offset;
    if (typeof offset === 'number' && Number.isInteger(offset) && offset >= 0) return offset;
  } catch {
    // fall through
  }
  throw MlflowError.invalid(`Invalid page token '${token}'.`);
}

export const encodePageToken = (offset: number) => Buffer.from(JSON.stringify({ offset })).toString('base64');
