import { z } from 'zod';
import { httpServiceConfigSchema } from '@provenant/platform';

/** Every variable feature-ingest reads; parsed once at boot (see docs/configuration.md). */
export const featureIngestConfigSchema = httpServiceConfigSchema({
  port: 7101,
  schema: 'feature_ingest',
}).extend({
  /** What a batch with invalid rows does when the request does not say: write the valid rows, or nothing. */
  INGEST_BATCH_POLICY: z.enum(['ACCEPT_VALID', 'REJECT_ALL']).default('ACCEPT_VALID'),
  /** Rows whose event_ts lies further than this in the future (seconds) are impossible and rejected. */
  INGEST_MAX_FUTURE_SECONDS: z.coerce.number().int().min(0).default(86_400),
  /** Largest number of rows one push request or one FeatureRowBatch may carry. */
  INGEST_MAX_BATCH_ROWS: z.coerce.number().int().min(1).default(100_000),
  /** Largest JSON body accepted by the push endpoint. */
  INGEST_MAX_BODY: z
    .string()
    .regex(/^\d+(kb|mb)$/, 'expected e.g. 64mb')
    .default('64mb'),
});

export type FeatureIngestConfig = z.infer<typeof featureIngestConfigSchema>;
