import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { TrackerTables } from '../persistence/tracker-tables';
import { parseFilter, type Comparison, type FilterNode } from '../search/filter-parser';
import { badFilter } from '../search/filter-tokens';
import { parseOrderBy } from '../search/order-by-parser';
import { PageToken } from '../search/page-token';
import { SqlParams } from '../search/sql-params';
import { experimentColumns, ExperimentStore, type Experiment } from './experiment.store';
import { int64, MlflowError } from '@provenant/platform';

export const searchExperimentsRequest = z.object({
  max_results: int64.optional().default(1000),
  page_token: z.string().optional(),
  filter: z.string().optional(),
  order_by: z.array(z.string()).optional().default([]),
  view_type: z.enum(['ACTIVE_ONLY', 'DELETED_ONLY', 'ALL']).optional().default('ACTIVE_ONLY'),
});
export type SearchExperimentsRequest = z.infer<typeof searchExperimentsRequest>;

const ATTRS: Record<string, { column: string; numeric: boolean }> = {
  name: { column: 'e.name', numeric: false },
  experiment_id: { column: 'e.experiment_id', numeric: true },
  creation_time: { column: 'e.creation_time', numeric: true },
  last_update_time: { column: 'e.last_update_time', numeric: true },
};
const STAGES = { ACTIVE_ONLY: ['active'], DELETED_ONLY: ['deleted'], ALL: ['active', 'deleted'] };

/** experiments/search: `name`, times and `tags.*` (MLflow's experiment search keys), offset pages. */
@Injectable()
export class SearchExperimentsUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly t: TrackerTables,
    private readonly experiments: ExperimentStore,
  ) {}

  async execute(
    req: SearchExperimentsRequest,
  ): Promise<{ experiments: Experiment[]; nextPageToken?: string }> {
    if (req.max_results < 1 || req.max_results > 50_000)
      throw MlflowError.invalid(`Invalid value ${req.max_results} for parameter 'max_results' supplied.`);
    const p = new SqlParams();
    const where = [`e.lifecycle_stage = ANY(${p.add(STAGES[req.view_type], '::text[]')})`];
    const node = parseFilter(req.filter);
    if (node) where.push(this.compile(node, p, req.filter!));
    const order = req.order_by.map((clause) => {
      const { entity, key, desc } = parseOrderBy(clause);
      const attr = entity === 'attribute' ? ATTRS[key] : undefined;
      if (!attr) throw MlflowError.invalid(`Invalid order_by clause '${clause}'.`);
      return `${attr.column} ${desc ? 'DESC' : 'ASC'}`;
    });
    const query = PageToken.queryDigest([req.filter ?? '', req.order_by, req.view_type]);
    const offset = Number(PageToken.decode(req.page_token, query, 1)?.[0] ?? 0);
    const rows = await this.db.query(
      `SELECT ${experimentColumns} FROM ${this.t.experiments} e WHERE ${where.join(' AND ')}
       ORDER BY ${[...order, 'e.experiment_id ASC'].join(', ')} OFFSET ${offset} LIMIT ${req.max_results + 1}`,
      p.values,
    );
    const experiments = await this.experiments.withTags(this.db.manager, rows.slice(0, req.max_results));
    if (rows.length <= req.max_results) return { experiments };
    return { experiments, nextPageToken: PageToken.encode(query, [String(offset + req.max_results)]) };
  }

  private compile(node: FilterNode, p: SqlParams, filter: string): string {
    if (node.kind !== 'cmp')
      return `(${node.items.map((n) => this.compile(n, p, filter)).join(` ${node.kind.toUpperCase()} `)})`;
    const op = (column: string, c: Comparison) =>
      c.op === 'IN'
        ? `${column} = ANY(${p.add(c.value, '::text[]')})`
        : c.op === 'NOT IN'
          ? `${column} <> ALL(${p.add(c.value, '::text[]')})`
          : `${column} ${c.op} ${p.add(c.value)}`;
    if (node.entity === 'tag')
      return `EXISTS (SELECT 1 FROM ${this.t.experimentTags} x WHERE x.experiment_id = e.experiment_id AND x.key = ${p.add(node.key)} AND ${op('x.value', node)})`;
    const attr = node.entity === 'attribute' ? ATTRS[node.key] : undefined;
    if (!attr)
      throw badFilter(
        filter,
        `invalid key '${node.key}'; experiments can be searched by name, creation_time, last_update_time and tags`,
      );
    if (
      attr.numeric !== (typeof node.value === 'number') ||
      (attr.numeric && !['=', '!=', '<', '<=', '>', '>='].includes(node.op))
    )
      throw badFilter(filter, `invalid comparison for '${node.key}'`);
    return attr.numeric
      ? `${attr.column} ${node.op} ${p.add(node.value, '::float8')}`
      : op(attr.column, node);
  }
}
