import type { ServedFeature, ValueType } from '@provenant/contracts';

type Branch = Exclude<ServedFeature['value'], null | { readonly array: unknown }>;

const BRANCH: Record<string, string> = {
  BOOL: 'boolean',
  INT32: 'int',
  INT64: 'long',
  UNIX_TIMESTAMP: 'long',
  FLOAT32: 'float',
  FLOAT64: 'double',
  STRING: 'string',
  BYTES: 'bytes',
};

function scalar(type: string, v: unknown): Branch {
  const branch = BRANCH[type];
  return { [branch]: branch === 'bytes' ? Buffer.from(String(v), 'base64') : v } as Branch;
}

/** A served JSON value as the Avro union branch its ValueType maps to (FeatureVectorServed.avsc). */
export function servedValueAvro(type: ValueType, value: unknown): ServedFeature['value'] {
  if (value === null || value === undefined) return null;
  if (type.endsWith('_LIST')) {
    const element = type.slice(0, -'_LIST'.length);
    return { array: (value as unknown[]).map((v) => scalar(element, v)) };
  }
  return scalar(type, value);
}
