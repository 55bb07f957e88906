import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { TrackerTables } from '../persistence/tracker-tables';
import { mlflowRunsJsonSql } from '../runs/run-json.sql';
import { parseFilter } from './filter-parser';
import { PageToken } from './page-token';
import { RunFilterSql } from './run-filter.sql';
import { afterCursor, orderByClause, runSortKeys } from './run-order';
import { SqlParams } from './sql-params';
import { id, int64, MlflowError } from '@provenant/platform';

export const MAX_RUNS_PER_PAGE = 50_000;

export const searchRunsRequest = z.object({
  experiment_ids: z.array(id).optional().default([]),
  filter: z.string().optional(),
  run_view_type: z.enum(['ACTIVE_ONLY', 'DELETED_ONLY', 'ALL']).optional().default('ACTIVE_ONLY'),
  max_results: int64.optional().default(1000),
  order_by: z.array(z.string()).optional().default([]),
  page_token: z.string().optional(),
});
export type SearchRunsRequest = z.infer<typeof searchRunsRequest>;

const STAGES = { ACTIVE_ONLY: ['active'], DELETED_ONLY: ['deleted'], ALL: ['active', 'deleted'] };

@Injectable()
export class SearchRunsUseCase {
  private readonly runsJson: string;

  constructor(
    private readonly db: DataSource,
    private readonly t: TrackerTables,
  ) {
    this.runsJson = mlflowRunsJsonSql(t);
  }

  /** The page as MLflow's JSON, one text per run (`mlflowRunsJsonSql`), and the next page's token. */
  async execute(req: SearchRunsRequest): Promise<{ runs: string[]; nextPageToken?: string }> {
    if (req.max_results < 1 || req.max_results > MAX_RUNS_PER_PAGE)
      throw MlflowError.invalid(
        `Invalid value ${req.max_results} for parameter 'max_results' supplied. It must be between 1 and ${MAX_RUNS_PER_PAGE}.`,
      );
    const experimentIds = req.experiment_ids.filter((e) => /^\d{1,18}$/.test(e));
    if (experimentIds.length === 0) return { runs: [] };

    const p = new SqlParams();
    const keys = runSortKeys(req.order_by, this.t, p);
    const where = [
      experimentIds.length === 1
        ? `r.experiment_id = ${p.add(experimentIds[0], '::bigint')}`
        : `r.experiment_id = ANY(${p.add(experimentIds, '::bigint[]')})`,
      `r.lifecycle_stage = ANY(${p.add(STAGES[req.run_view_type], '::text[]')})`,
    ];
    const filter = parseFilter(req.filter);
    if (filter) where.push(new RunFilterSql(this.t, req.filter!).compile(filter, p));
    const query = PageToken.queryDigest([experimentIds, req.filter ?? '', req.run_view_type, req.order_by]);
    const cursor = PageToken.decode(req.page_token, query, keys.length);
    if (cursor) where.push(afterCursor(keys, cursor, p));

    // One connection for the page and its runs: one pool checkout per search.
    const conn = this.db.createQueryRunner();
    let rows: ({ run_id: string } & Record<string, unknown>)[];
    let runs: string[];
    try {
      rows = await conn.query(
        `SELECT r.run_id, ${keys.map((k, i) => `${k.expr} AS "s${i}"`).join(', ')}
         FROM ${this.t.runs} r WHERE ${where.join(' AND ')} ORDER BY ${orderByClause(keys)} LIMIT ${req.max_results + 1}`,
        p.values,
      );
      const page = rows.slice(0, req.max_results).map((r) => r.run_id);
      runs =
        page.length === 0 ? [] : (await conn.query(this.runsJson, [page])).map((r: { run: string }) => r.run);
    } finally {
      await conn.release();
    }
    if (rows.length <= req.max_results) return { runs };
    const last = rows[req.max_results - 1];
    return {
      runs,
      nextPageToken: PageToken.encode(
        query,
        keys.map((_, i) => (last[`s${i}`] === null ? null : String(last[`s${i}`]))),
      ),
    };
  }
}
