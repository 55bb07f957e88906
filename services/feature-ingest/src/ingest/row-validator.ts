import type { RejectionReason } from '@provenant/contracts';
import type { ResolvedView } from '../definitions/view-definition';
import { shapeOf, type CandidateRow } from './candidate-row';
import { parseEventTimestamp } from './event-timestamp';
import { coerceFeatureValue, describeValue, unwrapUnion, type StoredValue } from './feature-value';

export type { CandidateRow } from './candidate-row';
export { fromAvro, fromFlat } from './candidate-row';

export interface ValidRow {
  /** Canonical entity key: the JSON array of the join-key values in declaration order. */
  entityKey: string;
  entity: Record<string, StoredValue>;
  eventTs: number;
  values: Record<string, StoredValue>;
  /** `values` as RFC 8785 JSON (keys sorted, so JSON.stringify is canonical): stored and hashed as is. */
  valuesJson: string;
}

export interface Rejection {
  reason: RejectionReason;
  field: string | null;
  message: string;
}

export interface ValidationOptions {
  /** Values may be text (CSV): parse them by type. */
  text: boolean;
  /** Latest acceptable event_ts (µs): later rows are IMPOSSIBLE_TIMESTAMP. */
  maxEventTs: number;
}

const reject = (reason: RejectionReason, field: string | null, message: string) => ({
  ok: false as const,
  rejection: { reason, field, message },
});

/** Checks a row against its view: entity key, event time, then every feature value. */
export function validateRow(
  view: ResolvedView,
  row: CandidateRow,
  opts: ValidationOptions,
): { ok: true; row: ValidRow } | { ok: false; rejection: Rejection } {
  if (row.unknownColumns.length > 0) {
    const col = row.unknownColumns[0];
    return reject(
      'UNKNOWN_FEATURE',
      col,
      `${col}: feature view ${view.name} v${view.version} has no feature or join key of that name`,
    );
  }
  const shape = shapeOf(view);
  const byKey: Record<string, StoredValue> = {};
  const key: StoredValue[] = [];
  for (const k of view.joinKeys) {
    const raw = row.entity[k.name];
    if (raw === null || raw === undefined || raw === '')
      return reject('MISSING_ENTITY_KEY', k.name, `${k.name}: join key missing`);
    const v = coerceFeatureValue(
      k.valueType,
      raw,
      opts.text || (k.valueType === 'INT64' && typeof raw === 'string'),
    );
    if (v === undefined)
      return reject(
        'MALFORMED_ENTITY_KEY',
        k.name,
        `${k.name}: expected ${k.valueType}, got ${describeValue(raw)}`,
      );
    byKey[k.name] = v;
    key.push(v);
  }
  const ts = parseEventTimestamp(row.eventTs);
  if (!ts.ok) return reject(ts.reason, view.timestampField, `${view.timestampField}: ${ts.message}`);
  if (ts.value > opts.maxEventTs)
    return reject(
      'IMPOSSIBLE_TIMESTAMP',
      view.timestampField,
      `${view.timestampField}: in the future beyond the allowed skew`,
    );
  const values: Record<string, StoredValue> = {};
  for (const f of shape.sorted) {
    const raw = row.features[f.name];
    if (raw === null || raw === undefined || (opts.text && raw === '')) continue;
    const v = coerceFeatureValue(f.valueType, raw, opts.text);
    if (v === undefined)
      return reject(
        'WRONG_TYPE',
        f.name,
        `${f.name}: expected ${f.valueType}, got ${describeValue(unwrapUnion(raw))}`,
      );
    values[f.name] = v;
  }
  const entity: Record<string, StoredValue> = {};
  for (const k of shape.sortedKeys) entity[k] = byKey[k];
  return {
    ok: true,
    row: {
      entityKey: JSON.stringify(key),
      entity,
      eventTs: ts.value,
      values,
      valuesJson: JSON.stringify(values),
    },
  };
}
