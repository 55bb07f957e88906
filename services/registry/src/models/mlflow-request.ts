import { z } from 'zod';
import { MlflowError } from '@provenant/platform';

// The registry's own MLflow request fields (the shared ones are in @provenant/platform).

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
