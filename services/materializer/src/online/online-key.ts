import type { CatalogView } from '../training-sets/feature-catalog';

/** A value as the offline store keeps it (JSON; bytes base64, times in µs) and the online store too. */
export type OnlineValue = boolean | number | string | OnlineValue[] | null;

/**
 * Redis layout, in the spirit of Feast's (one HASH per entity key, shared by every view of that
 * entity): the key is the join keys sorted by name with their typed values, so `driver_id=1001`
 * (INT64) and `driver_id="1001"` (STRING) never collide, and a view of entities [a, b] shares
 * the hash with one of [b, a]. Fields are namespaced by view *version*, so a breaking change
 * (new version) never serves values written for the old schema.
 */
export function onlineKey(prefix: string, joinKeys: string[], values: unknown[]): string {
  const pairs = joinKeys.map((name, i) => [name, values[i]] as const);
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return `${prefix}fs:${JSON.stringify(Object.fromEntries(pairs))}`;
}

/** `view@v<n>`: the namespace of one view version's fields in an entity hash. */
export const viewTag = (view: Pick<CatalogView, 'name' | 'version'>) => `${view.name}@v${view.version}`;

export const fields = {
  /** "<event_ts> <created_ts> <ingestion_seq>": the total order newest-wins compares. */
  order: (tag: string) => `_ts:${tag}`,
  /** Ingest batch the view's current values came from (the serving log cites it). */
  batch: (tag: string) => `_b:${tag}`,
  feature: (tag: string, feature: string) => `${tag}:${feature}`,
};

/** Parses the order field; event_ts is its first number. */
export function eventTsOf(order: string | null): number | null {
  if (!order) return null;
  const space = order.indexOf(' ');
  return Number(space < 0 ? order : order.slice(0, space));
}
