import { z } from 'zod';
import { httpServiceConfigSchema, redisUrl } from '@provenant/platform';

/** Every variable materializer reads; parsed once at boot (see docs/configuration.md). */
export const materializerConfigSchema = httpServiceConfigSchema({
  port: 7102,
  schema: 'materializer',
}).extend({
  REDIS_URL: redisUrl,
});

export type MaterializerConfig = z.infer<typeof materializerConfigSchema>;
