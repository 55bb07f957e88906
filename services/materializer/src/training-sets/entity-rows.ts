import { BadRequestException } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { ValueType } from '@provenant/contracts';
import type { CatalogView } from './feature-catalog';
import { toMicros } from './micros';

export interface EntityRows {
  rows: Record<string, unknown>[];
  /** Each row's time in µs, in input order. */
  ts: number[];
  /** Per view name: each row's canonical entity key (as feature-ingest stores it), in input order. */
  keys: Map<string, string[]>;
  /** `sha256:` over the rows in canonical JSON, one per line, times as µs. */
  digest: string;
}

function keyValue(type: ValueType, v: unknown): string | number | undefined {
  if (v === null || v === undefined || v === '') return undefined;
  if (type === 'INT64') {
    const n = typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : NaN;
    return Number.isSafeInteger(n) ? n : undefined;
  }
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}

/** A value as JSON.stringify writes it, without its generic path for the common cases. */
const json = (v: unknown): string =>
  typeof v === 'number' ? (Number.isFinite(v) ? String(v) : 'null') : JSON.stringify(v ?? null);

/**
 * Each row as canonical JSON (keys sorted, the time as µs). Rows parsed from one JSON array
 * nearly always share their keys in one order, so the sorted order and the `"key":` prefixes are
 * worked out once per run of rows with the same keys, not once per row.
 */
class CanonicalRows {
  private keys: string[] = [];
  private sorted: string[] = [];
  private prefixes: string[] = [];

  line(row: Record<string, unknown>, field: string, micros: number): string {
    const keys = Object.keys(row);
    if (!sameKeys(keys, this.keys)) {
      this.keys = keys;
      this.sorted = [...keys].sort();
      this.prefixes = this.sorted.map((k, i) => `${i === 0 ? '{' : ','}${JSON.stringify(k)}:`);
    }
    let out = '';
    for (let i = 0; i < this.sorted.length; i++) {
      const k = this.sorted[i];
      out += this.prefixes[i] + (k === field ? String(micros) : json(row[k]));
    }
    return this.sorted.length === 0 ? '{}\n' : `${out}}\n`;
  }
}

function sameKeys(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Checks every entity row (its time and the join keys of every requested view) and builds the
 * keys the offline store is indexed by. All problems are reported at once, each naming its row.
 */
export function prepareEntityRows(
  rows: Record<string, unknown>[],
  field: string,
  views: CatalogView[],
): EntityRows {
  const errors: string[] = [];
  const ts: number[] = new Array(rows.length);
  const keys = new Map<string, string[]>(views.map((v) => [v.name, new Array<string>(rows.length)]));
  const hash = createHash('sha256');
  const canonical = new CanonicalRows();
  let pending = ''; // hashed in pieces of ~64 KiB: one update per row costs more than the rows
  for (let i = 0; i < rows.length && errors.length < 20; i++) {
    const row = rows[i];
    const t = toMicros(row[field]);
    if (t === undefined) {
      errors.push(
        `entityRows.${i}.${field}: ${row[field] === undefined ? 'missing' : `not a timestamp: ${JSON.stringify(row[field])}`}`,
      );
      continue;
    }
    ts[i] = t;
    for (const view of views) {
      let key = '[';
      for (let j = 0; j < view.joinKeys.length; j++) {
        const k = view.joinKeys[j];
        const v = keyValue(k.valueType, row[k.name]);
        if (v === undefined)
          errors.push(
            `entityRows.${i}.${k.name}: ${row[k.name] === undefined ? 'missing join key' : `expected ${k.valueType}, got ${JSON.stringify(row[k.name])}`} (feature view ${view.name})`,
          );
        else key += (key.length > 1 ? ',' : '') + json(v);
      }
      keys.get(view.name)![i] = `${key}]`;
    }
    pending += canonical.line(row, field, t);
    if (pending.length > 65_536) {
      hash.update(pending);
      pending = '';
    }
  }
  hash.update(pending);
  if (errors.length > 0) throw new BadRequestException(errors);
  return { rows, ts, keys, digest: `sha256:${hash.digest('hex')}` };
}
