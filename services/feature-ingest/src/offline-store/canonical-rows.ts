import { createHash } from 'node:crypto';
import type { ValidRow } from '../ingest/row-validator';

/**
 * One accepted row as hashed: `{"entity":{…},"event_ts":<µs>,"features":{…}}`, RFC 8785
 * canonical JSON (docs/feature-store.md). The validator builds entity and values with sorted
 * keys and only flat JSON values, for which JSON.stringify already is canonical.
 */
export const canonicalRow = (row: ValidRow) =>
  `{"entity":${JSON.stringify(row.entity)},"event_ts":${row.eventTs},"features":${row.valuesJson}}`;

/** `sha256:<hex>` over the batch's canonical rows, each followed by `\n`, in batch order. */
export function rowsDigest(rows: ValidRow[]): string {
  const hash = createHash('sha256');
  for (const row of rows) hash.update(`${canonicalRow(row)}\n`);
  return `sha256:${hash.digest('hex')}`;
}
