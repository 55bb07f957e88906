import type { TrackerTables } from '../persistence/tracker-tables';
import { parseOrderBy } from './order-by-parser';
import { RUN_ATTRIBUTES } from './run-filter.sql';
import type { SqlParams } from './sql-params';
import { MlflowError } from '@provenant/platform';

export interface SortKey {
  /** SQL expression over `runs r`. */
  expr: string;
  /** Cast that turns a cursor value (sent as text) back into the expression's type. */
  cast: '::float8' | '::bigint' | '::text';
  desc: boolean;
  nullable: boolean;
}

/**
 * The total order of a search: the requested keys (missing values last, whatever the direction,
 * as MLflow does), then MLflow's tie-breakers start_time DESC and run_id, which also make the order
 * strict, so a keyset cursor identifies exactly one position.
 */
export function runSortKeys(orderBy: string[], t: TrackerTables, p: SqlParams): SortKey[] {
  const keys: SortKey[] = orderBy.map((clause) => {
    const { entity, key, desc } = parseOrderBy(clause);
    switch (entity) {
      case 'metric':
        return {
          expr: `(SELECT value FROM ${t.latestMetrics} WHERE run_id = r.run_id AND key = ${p.add(key)})`,
          cast: '::float8',
          desc,
          nullable: true,
        };
      case 'param':
      case 'tag':
        return {
          expr: `(SELECT value FROM ${entity === 'param' ? t.params : t.tags} WHERE run_id = r.run_id AND key = ${p.add(key)})`,
          cast: '::text',
          desc,
          nullable: true,
        };
      case 'attribute': {
        const attr = RUN_ATTRIBUTES[key];
        if (!attr)
          throw MlflowError.invalid(`Invalid order_by clause '${clause}': unknown attribute '${key}'.`);
        return {
          expr: attr.column,
          cast: attr.numeric ? '::bigint' : '::text',
          desc,
          nullable: key === 'end_time',
        };
      }
      default:
        throw MlflowError.invalid(`Invalid order_by clause '${clause}': cannot order by ${entity}s.`);
    }
  });
  keys.push({ expr: 'r.start_time', cast: '::bigint', desc: true, nullable: false });
  keys.push({ expr: 'r.run_id', cast: '::text', desc: false, nullable: false });
  return keys;
}

export function orderByClause(keys: SortKey[]): string {
  return keys.map((k) => `${k.expr} ${k.desc ? 'DESC' : 'ASC'}${k.nullable ? ' NULLS LAST' : ''}`).join(', ');
}

/**
 * Rows strictly after the cursor in the order of `keys`: a lexicographic comparison spelled out
 * as OR of (equal prefix AND greater at i), with NULLS LAST handled per key.
 */
export function afterCursor(keys: SortKey[], cursor: (string | null)[], p: SqlParams): string {
  const eq = (k: SortKey, v: string | null) =>
    v === null ? `${k.expr} IS NULL` : `${k.expr} = ${p.add(v, k.cast)}`;
  const gt = (k: SortKey, v: string | null) => {
    if (v === null) return 'FALSE';
    const cmp = `${k.expr} ${k.desc ? '<' : '>'} ${p.add(v, k.cast)}`;
    return k.nullable ? `(${cmp} OR ${k.expr} IS NULL)` : cmp;
  };
  const branches = keys.map((k, i) =>
    [...keys.slice(0, i).map((kk, j) => eq(kk, cursor[j])), gt(k, cursor[i])].join(' AND '),
  );
  return `(${branches.map((b) => `(${b})`).join(' OR ')})`;
}
