import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { closedLoop } from '../../closed-loop';
import { BATCH_METRICS, CLIENTS, PAGE, type Figures } from './workload';

const SECONDS = Number(process.env.TRACKER_BENCH_SECONDS ?? 5);

/**
 * The physical floor: 20 raw `pg` clients doing the database work each request needs, on the
 * tracker's own tables, with nothing else (no HTTP, validation, events or JSON), each write as
 * one statement (one round trip, atomic without BEGIN/COMMIT):
 * - create-run: the run row and its tags;
 * - log-batch: 10 history rows appended and the latest values moved;
 * - search: the first 1,000 runs in the default order, then their params, tags and latest
 *   metrics and dataset inputs (the tracker's own queries, `RunStore.withData`, on one
 *   connection); and, apart, that page of runs alone, the least any search of 1,000 runs reads.
 */
export async function postgresFloor(
  databaseUrl: string,
  schema: string,
  writeExperiment: string,
  searchExperiment: string,
): Promise<Figures> {
  const s = `"${schema}"`;
  const pool = new Pool({ connectionString: databaseUrl, max: CLIENTS });
  try {
    const createRun = async () => {
      const id = randomUUID().replace(/-/g, '');
      await pool.query(
        `WITH r AS (
           INSERT INTO ${s}.runs (run_id, experiment_id, run_name, user_id, status, start_time, lifecycle_stage, artifact_uri)
           VALUES ($1, $2, $3, 'bench', 'RUNNING', $4, 'active', $5) RETURNING run_id)
         INSERT INTO ${s}.tags (run_id, key, value) SELECT r.run_id, k, v FROM r, unnest($6::text[], $7::text[]) AS x(k, v)`,
        [
          id,
          writeExperiment,
          `floor-${id}`,
          Date.now(),
          `mlflow-artifacts:/${writeExperiment}/${id}/artifacts`,
          ['mlflow.user', 'mlflow.source.type', 'mlflow.runName'],
          ['bench', 'LOCAL', `floor-${id}`],
        ],
      );
      return id;
    };
    await closedLoop(CLIENTS, 1, createRun);
    const create = await closedLoop(CLIENTS, SECONDS, createRun);

    const runs = await Promise.all(Array.from({ length: CLIENTS }, createRun));
    const steps = new Array<number>(CLIENTS).fill(0);
    const logBatch = (c: number) => {
      const keys = Array.from({ length: BATCH_METRICS }, (_, k) => `m${k}`);
      const values = keys.map(() => Math.random());
      const now = Date.now();
      const cols = [keys, values, keys.map(() => now), keys.map(() => steps[c])];
      steps[c]++;
      return pool.query(
        `WITH h AS (
           INSERT INTO ${s}.metrics (run_id, key, value, timestamp, step)
           SELECT $1, * FROM unnest($2::text[], $3::float8[], $4::bigint[], $5::bigint[]))
         INSERT INTO ${s}.latest_metrics AS l (run_id, key, value, timestamp, step)
         SELECT $1, * FROM unnest($2::text[], $3::float8[], $4::bigint[], $5::bigint[])
         ON CONFLICT (run_id, key) DO UPDATE SET value = EXCLUDED.value, timestamp = EXCLUDED.timestamp, step = EXCLUDED.step
         WHERE (EXCLUDED.step, EXCLUDED.timestamp, EXCLUDED.value) > (l.step, l.timestamp, l.value)`,
        [runs[c], ...cols],
      );
    };
    await closedLoop(CLIENTS, 1, logBatch);
    const batch = await closedLoop(CLIENTS, SECONDS, logBatch);

    const page = (q: (text: string, values: unknown[]) => Promise<{ rows: { run_id: string }[] }>) =>
      q(
        `SELECT * FROM ${s}.runs r WHERE r.experiment_id = $1 AND r.lifecycle_stage = 'active'
         ORDER BY r.start_time DESC, r.run_id LIMIT ${PAGE + 1}`,
        [searchExperiment],
      );
    const search = async () => {
      const c = await pool.connect();
      try {
        const q = (text: string, values: unknown[]) => c.query(text, values);
        const { rows } = await page(q);
        const ids = [rows.slice(0, PAGE).map((r) => r.run_id)];
        const join = `unnest($1::text[]) AS u(run_id) JOIN`;
        for (const [table, order] of [
          ['params', 'key'],
          ['tags', 'key'],
          ['latest_metrics', 'key'],
          ['run_inputs', 'name, digest'],
        ])
          await q(`SELECT x.* FROM ${join} ${s}.${table} x USING (run_id) ORDER BY ${order}`, ids);
      } finally {
        c.release();
      }
    };
    const pageAlone = () => page((text, values) => pool.query(text, values));
    await closedLoop(CLIENTS, 1, search);
    const found = await closedLoop(CLIENTS, SECONDS, search);
    await closedLoop(CLIENTS, 1, pageAlone);
    const paged = await closedLoop(CLIENTS, SECONDS, pageAlone);
    return {
      searchPageMs: paged.meanMs,
      createRunMs: create.meanMs,
      logBatchMs: batch.meanMs,
      pointsPerSecond: batch.perSecond * BATCH_METRICS,
      searchMs: found.meanMs,
      failed: create.failed + batch.failed + found.failed + paged.failed,
    };
  } finally {
    await pool.end();
  }
}
