import type { ValueType } from '@provenant/contracts';
import { parseEventTimestamp } from './event-timestamp';

/** A value as stored in the offline store's jsonb: JSON, with bytes as base64 and times as µs. */
export type StoredValue = boolean | number | string | StoredValue[];

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const INT = /^-?\d+$/;
const NUMBER = /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/** Avro union branches arrive wrapped (`{ double: 0.7 }`) when the union is ambiguous. */
export function unwrapUnion(value: unknown): unknown {
  if (value && typeof value === 'object' && !Array.isArray(value) && !Buffer.isBuffer(value)) {
    const keys = Object.keys(value);
    if (keys.length === 1) {
      const inner = (value as Record<string, unknown>)[keys[0]];
      return Array.isArray(inner) ? inner.map(unwrapUnion) : inner;
    }
  }
  return value;
}

function scalar(type: string, v: unknown, text: boolean): StoredValue | undefined {
  switch (type) {
    case 'BOOL':
      if (typeof v === 'boolean') return v;
      if (text && typeof v === 'string' && /^(true|false|1|0)$/i.test(v)) return /^(true|1)$/i.test(v);
      return undefined;
    case 'INT32':
    case 'INT64': {
      const n =
        typeof v === 'number'
          ? v
          : text && typeof v === 'string' && INT.test(v)
            ? Number(v)
            : typeof v === 'bigint'
              ? Number(v)
              : NaN;
      const ok =
        type === 'INT32' ? Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 : Number.isSafeInteger(n);
      return ok ? n : undefined;
    }
    case 'FLOAT32':
    case 'FLOAT64': {
      const n = typeof v === 'number' ? v : text && typeof v === 'string' && NUMBER.test(v) ? Number(v) : NaN;
      return Number.isFinite(n) ? n : undefined;
    }
    case 'STRING':
      return typeof v === 'string' ? v : undefined;
    case 'BYTES':
      if (Buffer.isBuffer(v) || v instanceof Uint8Array) return Buffer.from(v).toString('base64');
      return typeof v === 'string' && BASE64.test(v) ? v : undefined;
    case 'UNIX_TIMESTAMP': {
      const t = parseEventTimestamp(v);
      return t.ok ? t.value : undefined;
    }
  }
  return undefined;
}

/**
 * Checks one value against its ValueType and returns what the offline store keeps, or
 * undefined when it does not fit. `text` accepts values spelled as text (CSV cells), lists as JSON.
 */
export function coerceFeatureValue(type: ValueType, raw: unknown, text: boolean): StoredValue | undefined {
  const value = unwrapUnion(raw);
  if (!type.endsWith('_LIST')) return scalar(type, value, text);
  let list = value;
  if (text && typeof value === 'string') {
    try {
      list = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  if (!Array.isArray(list)) return undefined;
  const element = type.slice(0, -'_LIST'.length);
  const out: StoredValue[] = [];
  for (const item of list) {
    const v = scalar(element, unwrapUnion(item), text);
    if (v === undefined) return undefined;
    out.push(v);
  }
  return out;
}

export function describeValue(v: unknown): string {
  if (typeof v === 'string') return `string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  if (Array.isArray(v)) return 'a list';
  if (v && typeof v === 'object') return 'an object';
  return `${typeof v} ${String(v)}`;
}
