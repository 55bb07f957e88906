import { BadRequestException } from '@nestjs/common';

/** Feast's `POST /get-online-features` body (feast:sdk/python/feast/feature_server.py). */
export interface OnlineFeaturesRequest {
  /** `view:feature` or `view@v2:feature` */
  features?: string[];
  feature_service?: string;
  /** join key → one value per entity row */
  entities: Record<string, unknown[]>;
  /** name result columns `view__feature` (Feast) */
  full_feature_names?: boolean;
}

const FIELDS = new Set(['features', 'feature_service', 'entities', 'full_feature_names']);
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Checks the body's shape, naming every bad field at once (400), with class-validator's wording
 * so the answer reads like every other route's. Whether the features and entity keys exist is the
 * use case's business: that needs the definitions.
 */
export function parseOnlineRequest(body: unknown): OnlineFeaturesRequest {
  if (!isObject(body)) throw new BadRequestException(['body: expected a JSON object']);
  const errors: string[] = [];
  for (const key of Object.keys(body)) if (!FIELDS.has(key)) errors.push(`property ${key} should not exist`);
  const { features, feature_service, entities, full_feature_names } = body;
  if (features !== undefined) {
    if (!Array.isArray(features)) errors.push('features must be an array');
    else if (features.length === 0) errors.push('features should not be empty');
    else if (!features.every((f) => typeof f === 'string')) errors.push('each value in features must be a string');
  }
  if (feature_service !== undefined && typeof feature_service !== 'string')
    errors.push('feature_service must be a string');
  if (!isObject(entities)) errors.push('entities must be an object');
  if (full_feature_names !== undefined && typeof full_feature_names !== 'boolean')
    errors.push('full_feature_names must be a boolean value');
  if (errors.length > 0) throw new BadRequestException(errors);
  return body as unknown as OnlineFeaturesRequest;
}
