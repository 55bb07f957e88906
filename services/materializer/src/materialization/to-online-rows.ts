import type { CatalogView } from '../training-sets/feature-catalog';
import { onlineKey, viewTag } from '../online/online-key';
import type { OnlineRow } from '../online/online-store.writer';
import type { OfflineRow } from './offline-rows.source';

const newer = (a: OfflineRow, b: OfflineRow) =>
  a.eventTs !== b.eventTs
    ? a.eventTs > b.eventTs
    : a.createdTs !== b.createdTs
      ? a.createdTs > b.createdTs
      : a.seq > b.seq;

/**
 * Offline rows → online writes for one view version: only the newest row per entity key is
 * sent (the script would discard the others anyway), every feature of the version is written
 * (a feature absent from the newest row becomes null online rather than keeping an older value).
 */
export function toOnlineRows(prefix: string, view: CatalogView, rows: OfflineRow[]): OnlineRow[] {
  const latest = new Map<string, OfflineRow>();
  for (const r of rows) {
    const seen = latest.get(r.entityKey);
    if (!seen || newer(r, seen)) latest.set(r.entityKey, r);
  }
  const tag = viewTag(view);
  const names = view.joinKeys.map((k) => k.name);
  return [...latest.values()].map((r) => ({
    key: onlineKey(prefix, names, JSON.parse(r.entityKey)),
    tag,
    eventTs: r.eventTs,
    createdTs: r.createdTs,
    seq: r.seq,
    batchId: r.batchId,
    expireAtMs: view.ttlMicros > 0 ? Math.ceil((r.eventTs + view.ttlMicros) / 1000) : 0,
    features: view.features.map((f): [string, string] => {
      const v = r.values[f.name];
      return [f.name, v === undefined || v === null ? '' : JSON.stringify(v)];
    }),
  }));
}
