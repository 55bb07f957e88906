import { z } from 'zod';
import { httpServiceConfigSchema } from '@provenant/platform';

/** Every variable env-verifier reads; parsed once at boot (see docs/configuration.md). */
export const envVerifierConfigSchema = httpServiceConfigSchema({ port: 7105, schema: 'env_verifier' });

export type EnvVerifierConfig = z.infer<typeof envVerifierConfigSchema>;
