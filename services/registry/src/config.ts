import { z } from 'zod';
import { httpServiceConfigSchema } from '@provenant/platform';

/** Every variable registry reads; parsed once at boot (see docs/configuration.md). */
export const registryConfigSchema = httpServiceConfigSchema({ port: 7104, schema: 'registry' });

export type RegistryConfig = z.infer<typeof registryConfigSchema>;
