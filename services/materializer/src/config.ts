import { z } from 'zod';
import { httpServiceConfigSchema, redisUrl } from '@provenant/platform';

/** Every variable materializer reads; parsed once at boot (see docs/configuration.md). */
export const materializerConfigSchema = httpServiceConfigSchema({
  port: 7102,
  schema: 'materializer',
}).extend({
  REDIS_URL: redisUrl,
  /** The offline store, through a read-only role (feature-ingest is its only writer). Defaults to DATABASE_URL. */
  OFFLINE_STORE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/\S+$/, 'expected a postgres:// URL')
    .optional(),
  /** The schema feature-ingest keeps the offline store in. */
  OFFLINE_STORE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/, 'expected a lowercase SQL identifier')
    .default('feature_ingest'),
  /** Largest number of entity rows one training-set request may carry. */
  TRAINING_SET_MAX_ENTITY_ROWS: z.coerce.number().int().min(1).default(2_000_000),
  /**
   * Offline rows the point-in-time index may hold in memory, over all views (0: no index, every
   * lookup probes PostgreSQL); a view that would not fit is looked up in PostgreSQL.
   */
  OFFLINE_INDEX_MAX_ROWS: z.coerce.number().int().min(0).default(5_000_000),
  /** A view's first load above this many rows runs in the background; lookups probe PostgreSQL meanwhile. */
  OFFLINE_INDEX_SYNC_LOAD_ROWS: z.coerce.number().int().min(0).default(200_000),
  /** Prefix of every online-store key in Redis (tests and tenants isolate with it). */
  ONLINE_KEY_PREFIX: z.string().default('provenant:'),
  /** Fraction of online requests logged as FeatureVectorServed (1 = every request, 0 = none). */
  SERVING_LOG_SAMPLE_RATE: z.coerce.number().min(0).max(1).default(1),
  /** `off` answers `POST /get-online-features` through Nest's pipeline instead of the fast route. */
  ONLINE_FAST_PATH: z.enum(['on', 'off']).default('on'),
  /** `off` stops this instance from running views' schedules (another instance still can). */
  MATERIALIZATION_SCHEDULER: z.enum(['on', 'off']).default('on'),
  /** How often the scheduler looks for due views; 1 s suits schedules with a seconds field. */
  MATERIALIZATION_SCHEDULER_TICK_MS: z.coerce.number().int().min(50).max(60_000).default(1_000),
});

export type MaterializerConfig = z.infer<typeof materializerConfigSchema>;

/** Where point-in-time retrieval and batch materialization read the offline store. */
export const offlineStoreUrl = (config: MaterializerConfig) =>
  config.OFFLINE_STORE_URL ?? config.DATABASE_URL;
