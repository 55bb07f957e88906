import type { TrackerTables } from '../persistence/tracker-tables';
import type { Comparison, FilterNode } from './filter-parser';
import { badFilter } from './filter-tokens';
import type { SqlParams } from './sql-params';

const NUMERIC_OPS = new Set(['=', '!=', '>', '>=', '<', '<=']);
const STRING_OPS = new Set(['=', '!=', 'LIKE', 'ILIKE', 'IN', 'NOT IN']);

/** Run attributes a filter or order_by may name, with MLflow's aliases (`created` is start_time). */
export const RUN_ATTRIBUTES: Record<string, { column: string; numeric: boolean }> = {
  run_id: { column: 'r.run_id', numeric: false },
  run_name: { column: 'r.run_name', numeric: false },
  status: { column: 'r.status', numeric: false },
  artifact_uri: { column: 'r.artifact_uri', numeric: false },
  user_id: { column: 'r.user_id', numeric: false },
  lifecycle_stage: { column: 'r.lifecycle_stage', numeric: false },
  start_time: { column: 'r.start_time', numeric: true },
  created: { column: 'r.start_time', numeric: true },
  end_time: { column: 'r.end_time', numeric: true },
};

const DATASET_FIELDS: Record<string, string> = { name: 'i.name', digest: 'i.digest', context: 'i.context' };

/**
 * Compiles a parsed filter to a SQL predicate over `runs r`. Each clause on metrics, params, tags
 * and datasets is an EXISTS on the run's own rows, so a run lacking the key never matches
 * (MLflow's semantics for `!=` too), and AND/OR/parentheses compose without joins multiplying rows.
 */
export class RunFilterSql {
  constructor(
    private readonly t: TrackerTables,
    private readonly filter: string,
  ) {}

  compile(node: FilterNode, p: SqlParams): string {
    if (node.kind !== 'cmp')
      return `(${node.items.map((n) => this.compile(n, p)).join(node.kind === 'and' ? ' AND ' : ' OR ')})`;
    switch (node.entity) {
      case 'metric':
        this.expect(node, 'number');
        return `EXISTS (SELECT 1 FROM ${this.t.latestMetrics} m WHERE m.run_id = r.run_id AND m.key = ${p.add(node.key)} AND m.value ${node.op} ${p.add(node.value, '::float8')})`;
      case 'param':
      case 'tag': {
        this.expect(node, 'string');
        const table = node.entity === 'param' ? this.t.params : this.t.tags;
        return `EXISTS (SELECT 1 FROM ${table} x WHERE x.run_id = r.run_id AND x.key = ${p.add(node.key)} AND ${this.stringOp('x.value', node, p)})`;
      }
      case 'dataset': {
        const column = DATASET_FIELDS[node.key];
        if (!column)
          throw badFilter(
            this.filter,
            `invalid dataset attribute '${node.key}'; valid ones are name, digest and context`,
          );
        this.expect(node, 'string');
        return `EXISTS (SELECT 1 FROM ${this.t.runInputs} i WHERE i.run_id = r.run_id AND ${this.stringOp(column, node, p)})`;
      }
      case 'attribute': {
        const attr = RUN_ATTRIBUTES[node.key];
        if (!attr)
          throw badFilter(
            this.filter,
            `invalid attribute key '${node.key}'; valid ones are ${Object.keys(RUN_ATTRIBUTES).join(', ')}`,
          );
        if (attr.numeric) {
          this.expect(node, 'number');
          return `${attr.column} ${node.op} ${p.add(node.value, '::float8')}`;
        }
        this.expect(node, 'string');
        return this.stringOp(attr.column, node, p);
      }
    }
  }

  private stringOp(column: string, node: Comparison, p: SqlParams): string {
    if (node.op === 'IN') return `${column} = ANY(${p.add(node.value, '::text[]')})`;
    if (node.op === 'NOT IN') return `${column} <> ALL(${p.add(node.value, '::text[]')})`;
    return `${column} ${node.op} ${p.add(node.value)}`;
  }

  private expect(node: Comparison, type: 'number' | 'string'): void {
    const ops = type === 'number' ? NUMERIC_OPS : STRING_OPS;
    const label = `${node.entity === 'attribute' ? '' : node.entity + 's.'}${node.key}`;
    if (!ops.has(node.op))
      throw badFilter(
        this.filter,
        `'${node.op}' is not a valid comparator for ${label}; use one of ${[...ops].join(', ')}`,
      );
    const values = Array.isArray(node.value) ? node.value : [node.value];
    if (values.some((v) => typeof v !== type))
      throw badFilter(
        this.filter,
        `${label} expects ${type === 'number' ? 'a number' : 'a quoted string'}, got ${JSON.stringify(node.value)}`,
      );
  }
}
