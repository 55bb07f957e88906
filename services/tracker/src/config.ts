import { resolve } from 'node:path';
import { z } from 'zod';
import { httpServiceConfigSchema } from '@provenant/platform';

/** Every variable tracker reads; parsed once at boot (see docs/configuration.md). */
export const trackerConfigSchema = httpServiceConfigSchema({ port: 7103, schema: 'tracker' }).extend({
  /** Root of the local content-addressed artifact store (relative paths from the working directory). */
  TRACKER_BLOB_DIR: z
    .string()
    .min(1)
    .default('.state/blobs')
    .transform((dir) => resolve(dir)),
});

export type TrackerConfig = z.infer<typeof trackerConfigSchema>;
