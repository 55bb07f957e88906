import { z } from 'zod';

/** Value types of ValueType.avsc (UNKNOWN is the reader's fallback and never written). */
export const VALUE_TYPES = [
  'BOOL',
  'INT32',
  'INT64',
  'FLOAT32',
  'FLOAT64',
  'STRING',
  'BYTES',
  'UNIX_TIMESTAMP',
  'BOOL_LIST',
  'INT32_LIST',
  'INT64_LIST',
  'FLOAT32_LIST',
  'FLOAT64_LIST',
  'STRING_LIST',
  'BYTES_LIST',
  'UNIX_TIMESTAMP_LIST',
] as const;
export const JOIN_KEY_TYPES = ['INT64', 'STRING', 'BYTES'] as const;

const identifier = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected a name of letters, digits and _ (not starting with a digit)');
const duration = z.union([z.string(), z.number()]);
const tags = z.record(z.string()).default({});
const common = {
  name: identifier,
  description: z.string().nullish(),
  owner: z.string().nullish(),
  tags,
  /** The YAML file the object came from, so errors can name it (set by the CLI). */
  sourceFile: z.string().optional(),
};

export const entityDocument = z
  .object({
    kind: z.literal('Entity'),
    ...common,
    joinKeys: z
      .array(z.object({ name: identifier, type: z.enum(JOIN_KEY_TYPES) }).strict())
      .min(1, 'an entity needs at least one join key'),
  })
  .strict();

export const featureViewDocument = z
  .object({
    kind: z.literal('FeatureView'),
    ...common,
    entities: z.array(identifier).min(1, 'a feature view needs at least one entity'),
    features: z
      .array(
        z
          .object({
            name: identifier,
            type: z.enum(VALUE_TYPES),
            description: z.string().nullish(),
            tags,
          })
          .strict(),
      )
      .min(1, 'a feature view needs at least one feature'),
    ttl: duration.default(0),
    source: z
      .object({
        kind: z.enum(['push', 'stream', 'batch']),
        uri: z.string().nullish(),
        timestampField: identifier.default('event_ts'),
        createdTimestampField: identifier.nullish(),
      })
      .strict()
      .default({ kind: 'push' }),
    online: z.boolean().default(true),
    freshnessThreshold: duration.nullish(),
    schedule: z.string().nullish(),
  })
  .strict();

export const featureServiceDocument = z
  .object({
    kind: z.literal('FeatureService'),
    ...common,
    /** `view:feature`, `view:*`, or pinned `view@v2:feature`. */
    features: z.array(z.string().min(1)).min(1, 'a feature service needs at least one feature'),
  })
  .strict();

export const repoObject = z.discriminatedUnion('kind', [
  entityDocument,
  featureViewDocument,
  featureServiceDocument,
]);

/** The body of plan and apply: every object of the feature repository, and explicit removals. */
export const featureRepoDocument = z
  .object({
    objects: z.array(repoObject),
    /** Removals are never implied by absence: `entity:NAME`, `feature_view:NAME`, `feature_service:NAME`. */
    delete: z
      .array(
        z
          .string()
          .regex(/^(entity|feature_view|feature_service):[A-Za-z_][A-Za-z0-9_]*$/, 'expected <kind>:<name>'),
      )
      .default([]),
  })
  .strict();

export type EntityDocument = z.infer<typeof entityDocument>;
export type FeatureViewDocument = z.infer<typeof featureViewDocument>;
export type FeatureServiceDocument = z.infer<typeof featureServiceDocument>;
export type FeatureRepoDocument = z.infer<typeof featureRepoDocument>;
