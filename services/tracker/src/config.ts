import { z } from 'zod';
import { httpServiceConfigSchema } from '@provenant/platform';

/** Every variable tracker reads; parsed once at boot (see docs/configuration.md). */
export const trackerConfigSchema = httpServiceConfigSchema({ port: 7103, schema: 'tracker' });

export type TrackerConfig = z.infer<typeof trackerConfigSchema>;
