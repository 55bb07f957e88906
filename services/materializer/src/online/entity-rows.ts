import { BadRequestException } from '@nestjs/common';
import type { ValueType } from '@provenant/contracts';
import type { CatalogView } from '../training-sets/feature-catalog';

export interface EntityColumns {
  /** Join keys in request order, with their type. */
  keys: { name: string; valueType: ValueType }[];
  /** Per join key, the values of every row, typed as the offline store keeps them. */
  values: Map<string, (number | string)[]>;
  rows: number;
}

const bad = (message: string) => new BadRequestException([message]);

function typed(name: string, i: number, type: ValueType, v: unknown): number | string {
  if (type === 'INT64' || type === 'INT32') {
    const n = typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v;
    if (typeof n === 'number' && Number.isSafeInteger(n)) return n;
  } else if (type === 'STRING' || type === 'BYTES') {
    if (typeof v === 'string') return v;
  } else if (typeof v === 'number' || typeof v === 'string') return v;
  throw bad(`entities.${name}.${i}: expected ${type}, got ${JSON.stringify(v)}`);
}

/**
 * Validates `entities` against the join keys of the requested views: every key must belong to
 * one of them and every one of theirs must be given, all columns the same non-zero length.
 */
export function entityColumns(entities: Record<string, unknown[]>, views: CatalogView[]): EntityColumns {
  const needed = new Map<string, { valueType: ValueType; view: string }>();
  for (const v of views)
    for (const k of v.joinKeys)
      if (!needed.has(k.name)) needed.set(k.name, { valueType: k.valueType, view: v.name });
  for (const name of Object.keys(entities))
    if (!needed.has(name))
      throw bad(
        `entities.${name}: unknown entity key; the requested feature views join on ${[...needed.keys()].join(', ')}`,
      );
  const keys: EntityColumns['keys'] = [];
  const values = new Map<string, (number | string)[]>();
  let rows = -1;
  for (const [name, { valueType, view }] of needed) {
    const column = entities[name];
    if (column === undefined) throw bad(`entities.${name}: missing; feature view ${view} joins on it`);
    if (!Array.isArray(column) || column.length === 0)
      throw bad(`entities.${name}: expected a non-empty array of values`);
    if (rows >= 0 && column.length !== rows)
      throw bad(`entities.${name}: has ${column.length} values, other join keys have ${rows}`);
    rows = column.length;
    keys.push({ name, valueType });
    values.set(
      name,
      column.map((v, i) => typed(name, i, valueType, v)),
    );
  }
  return { keys, values, rows };
}
