import { z } from 'zod';
import { httpServiceConfigSchema } from '@provenant/platform';

/** Every variable feature-ingest reads; parsed once at boot (see docs/configuration.md). */
export const featureIngestConfigSchema = httpServiceConfigSchema({ port: 7101, schema: 'feature_ingest' });

export type FeatureIngestConfig = z.infer<typeof featureIngestConfigSchema>;
