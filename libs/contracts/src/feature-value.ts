import type { FeatureRow } from './generated/feature-rows.types';

/**
 * A feature value on the wire: the Avro union branch matching the feature's ValueType, wrapped as
 * avsc decodes ambiguous unions (`{ double: 0.7 }`, `{ long: 5 }`, `{ array: [{ long: 1 }] }`), or
 * null. The same union types FeatureVectorServed values and PredictionMade outputs.
 */
export type FeatureValue = FeatureRow['features'][string];

/** An entity key value: INT64 keys as number, STRING as string, BYTES as Buffer. */
export type EntityKeyValue = FeatureRow['entityKey'][string];
