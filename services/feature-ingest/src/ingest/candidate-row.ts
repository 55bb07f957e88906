import type { ResolvedView } from '../definitions/view-definition';
import { unwrapUnion } from './feature-value';

/** A row before validation, whatever way it came in. */
export interface CandidateRow {
  entity: Record<string, unknown>;
  eventTs: unknown;
  features: Record<string, unknown>;
  /** Columns that are neither join keys, the timestamp nor features of the view. */
  unknownColumns: string[];
}

export interface ViewShape {
  keys: Set<string>;
  features: Set<string>;
  /** Features in name order, so the values object serializes canonically. */
  sorted: ResolvedView['features'];
  /** Join keys in name order, for the canonical entity object. */
  sortedKeys: string[];
}

// Computed once per view object (one per batch), not once per row.
const shapes = new WeakMap<ResolvedView, ViewShape>();
export function shapeOf(view: ResolvedView): ViewShape {
  let shape = shapes.get(view);
  if (!shape) {
    const byName = (a: { name: string }, b: { name: string }) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
    shape = {
      keys: new Set(view.joinKeys.map((k) => k.name)),
      features: new Set(view.features.map((f) => f.name)),
      sorted: [...view.features].sort(byName),
      sortedKeys: [...view.joinKeys].sort(byName).map((k) => k.name),
    };
    shapes.set(view, shape);
  }
  return shape;
}

/** A flat row (JSON push, CSV, Parquet): join-key columns, the timestamp column, features. */
export function fromFlat(view: ResolvedView, row: Record<string, unknown>): CandidateRow {
  const { keys, features } = shapeOf(view);
  const out: CandidateRow = {
    entity: {},
    eventTs: row[view.timestampField],
    features: {},
    unknownColumns: [],
  };
  for (const [column, value] of Object.entries(row)) {
    if (keys.has(column)) out.entity[column] = value;
    else if (features.has(column)) out.features[column] = value;
    else if (column !== view.timestampField) out.unknownColumns.push(column);
  }
  return out;
}

/** A FeatureRow of a FeatureRowBatch (Avro): already split into key, time and features. */
export function fromAvro(
  view: ResolvedView,
  row: { entityKey: Record<string, unknown>; eventTs: number; features: Record<string, unknown> },
): CandidateRow {
  const { keys, features } = shapeOf(view);
  const entity = Object.fromEntries(Object.entries(row.entityKey).map(([k, v]) => [k, unwrapUnion(v)]));
  return {
    entity,
    eventTs: row.eventTs,
    features: row.features,
    unknownColumns: [
      ...Object.keys(row.features).filter((f) => !features.has(f)),
      ...Object.keys(entity).filter((k) => !keys.has(k)),
    ],
  };
}
