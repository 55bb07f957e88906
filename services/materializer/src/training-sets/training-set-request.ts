import { BadRequestException } from '@nestjs/common';
import { z } from 'zod';

const header = z
  .object({
    name: z
      .string()
      .regex(/^[A-Za-z0-9_.-]{1,120}$/, 'letters, digits, _ . - (at most 120)')
      .default('training_set'),
    timestampField: z.string().min(1).default('event_timestamp'),
    features: z.array(z.string().min(1)).min(1).optional(),
    featureService: z.string().min(1).optional(),
    asOf: z.union([z.string(), z.number().int()]).optional(),
    format: z.enum(['csv', 'parquet', 'json']).default('csv'),
    /** The entity file the rows were read from, recorded in the lineage as the source. */
    entitySource: z
      .object({ uri: z.string().min(1), sha256: z.string().regex(/^[0-9a-f]{64}$/) })
      .strict()
      .optional(),
  })
  .strict();

export type TrainingSetRequest = z.infer<typeof header> & { entityRows: Record<string, unknown>[] };

/**
 * The request, validated field by field (400 naming each bad field). The entity rows are only
 * checked to be objects here: each is checked against the views' join keys afterwards, and
 * copying 100k rows through a schema library costs more than the join.
 */
export function parseTrainingSetRequest(body: unknown, maxRows: number): TrainingSetRequest {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw new BadRequestException(['body must be a JSON object']);
  const { entityRows, ...rest } = body as Record<string, unknown>;
  const parsed = header.safeParse(rest);
  const messages = parsed.success
    ? []
    : parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`);
  if (parsed.success && !parsed.data.features === !parsed.data.featureService)
    messages.push('features: give either features or featureService');
  if (!Array.isArray(entityRows) || entityRows.length === 0)
    messages.push('entityRows: expected a non-empty array of rows');
  else if (entityRows.length > maxRows) messages.push(`entityRows: at most ${maxRows} rows`);
  else {
    const bad = entityRows.findIndex((r) => !r || typeof r !== 'object' || Array.isArray(r));
    if (bad >= 0) messages.push(`entityRows.${bad}: expected an object`);
  }
  if (messages.length > 0 || !parsed.success) throw new BadRequestException(messages);
  return { ...parsed.data, entityRows: entityRows as Record<string, unknown>[] };
}
