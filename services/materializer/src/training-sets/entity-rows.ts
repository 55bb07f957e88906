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

function canonical(row: Record<string, unknown>, field: string, micros: number): string {
  const keys = Object.keys(row).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${k === field ? micros : JSON.stringify(row[k] ?? null)}`).join(',')}}`;
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
      const parts: (string | number)[] = [];
      for (const k of view.joinKeys) {
        const v = keyValue(k.valueType, row[k.name]);
        if (v === undefined)
          errors.push(
            `entityRows.${i}.${k.name}: ${row[k.name] === undefined ? 'missing join key' : `expected ${k.valueType}, got ${JSON.stringify(row[k.name])}`} (feature view ${view.name})`,
          );
        else parts.push(v);
      }
      keys.get(view.name)![i] = JSON.stringify(parts);
    }
    hash.update(`${canonical(row, field, t)}\n`);
  }
  if (errors.length > 0) throw new BadRequestException(errors);
  return { rows, ts, keys, digest: `sha256:${hash.digest('hex')}` };
}
