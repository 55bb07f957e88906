import { formatRfc3339Micros, type ValueType } from '@provenant/contracts';
import type { EntityColumns } from './entity-rows';
import type { OnlineHit } from './online-store.reader';
import type { ServingPlan } from './serving-plan';

export type FeatureStatus = 'PRESENT' | 'NULL_VALUE' | 'NOT_FOUND' | 'OUTSIDE_MAX_AGE';

export interface OnlineColumn {
  values: unknown[];
  statuses: FeatureStatus[];
  event_timestamps: string[];
}

const EPOCH = '1970-01-01T00:00:00Z';

/** One served value, as the serving log records it. */
export interface ServedValue {
  view: string;
  version: number;
  feature: string;
  valueType: ValueType;
  status: FeatureStatus;
  value: unknown;
  eventTs: number | null;
  batchId: string | null;
}

/**
 * Feast's columnar response: join keys first (status PRESENT, epoch timestamps), then one column
 * per requested feature. A value older than its view's ttl is OUTSIDE_MAX_AGE with a null value:
 * reported, never served as fresh (Feast's Python server serves it as PRESENT, feast#6821).
 * `hits` are ordered row-major: for each entity row, one per view.
 */
export function buildColumns(
  entities: EntityColumns,
  plan: ServingPlan,
  hits: OnlineHit[],
  nowMicros: number,
): { columns: OnlineColumn[]; served: ServedValue[][] } {
  const columns: OnlineColumn[] = entities.keys.map((k) => ({
    values: entities.values.get(k.name)!,
    statuses: new Array(entities.rows).fill('PRESENT'),
    event_timestamps: new Array(entities.rows).fill(EPOCH),
  }));
  const { resolved } = plan;
  const first = columns.length;
  for (const { features } of resolved.views)
    for (let f = 0; f < features.length; f++)
      columns.push({ values: [], statuses: [], event_timestamps: [] });
  const perView = resolved.views.map(({ view, features }, v) => ({ view, features, types: plan.views[v].types }));
  const served: ServedValue[][] = [];
  for (let row = 0; row < entities.rows; row++) {
    const rowServed: ServedValue[] = [];
    let col = first;
    for (let v = 0; v < perView.length; v++) {
      const { view, features, types } = perView[v];
      const hit = hits[row * perView.length + v];
      const expired = hit.eventTs !== null && view.ttlMicros > 0 && hit.eventTs <= nowMicros - view.ttlMicros;
      // One timestamp per (entity, view): every feature of the view shares it.
      const eventTimestamp = hit.eventTs === null ? EPOCH : formatRfc3339Micros(hit.eventTs);
      for (let f = 0; f < features.length; f++) {
        const raw = hit.values[f];
        const status: FeatureStatus =
          hit.eventTs === null
            ? 'NOT_FOUND'
            : expired
              ? 'OUTSIDE_MAX_AGE'
              : raw === null
                ? 'NULL_VALUE'
                : 'PRESENT';
        const value = status === 'PRESENT' ? JSON.parse(raw!) : null;
        const c = columns[col++];
        c.values.push(value);
        c.statuses.push(status);
        c.event_timestamps.push(eventTimestamp);
        rowServed.push({
          view: view.name,
          version: view.version,
          feature: features[f],
          valueType: types[f],
          status,
          value,
          eventTs: hit.eventTs,
          batchId: hit.batchId,
        });
      }
    }
    served.push(rowServed);
  }
  return { columns, served };
}
