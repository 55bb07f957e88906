import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { checkBlobStoreUri } from '@provenant/blob-store';
import { httpServiceConfigSchema } from '@provenant/platform';

const optional = z.string().min(1).optional();

/** Every variable tracker reads; parsed once at boot (see docs/configuration.md). */
export const trackerConfigSchema = httpServiceConfigSchema({ port: 7103, schema: 'tracker' }).extend({
  /** `on`: runs/create and the logging calls skip Express and Nest's pipeline (TrackerFastRoutes). */
  TRACKER_FAST_PATH: z.enum(['on', 'off']).default('on'),
  /** Root of the local content-addressed artifact store (relative paths from the working directory). */
  TRACKER_BLOB_DIR: z
    .string()
    .min(1)
    .default('.state/blobs')
    .transform((dir) => resolve(dir)),
  /** Where artifact blobs live: `file:///DIR` or `s3://BUCKET[/PREFIX]`; unset means TRACKER_BLOB_DIR. */
  ARTIFACT_STORE_URI: z
    .string()
    .optional()
    .superRefine((uri, ctx) => {
      const problem = uri === undefined ? undefined : checkBlobStoreUri(uri);
      if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
    }),
  /** An S3-compatible endpoint (MinIO, Ceph, moto); unset means AWS S3 itself. */
  S3_ENDPOINT_URL: z.string().url().optional(),
  S3_FORCE_PATH_STYLE: z.enum(['true', 'false']).optional(),
  AWS_REGION: optional,
  // Unset credentials leave the AWS SDK's default chain (profile, web identity, instance role).
  AWS_ACCESS_KEY_ID: optional,
  AWS_SECRET_ACCESS_KEY: optional,
  AWS_SESSION_TOKEN: optional,
});

export type TrackerConfig = z.infer<typeof trackerConfigSchema>;

/** The artifact store's URI: ARTIFACT_STORE_URI, else the local directory. */
export const artifactStoreUri = (config: TrackerConfig): string =>
  config.ARTIFACT_STORE_URI ?? pathToFileURL(config.TRACKER_BLOB_DIR).href;
