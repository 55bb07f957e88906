import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { closedLoop } from '../../closed-loop';
import { BATCH_METRICS, CLIENTS, PAGE, type Figures } from './workload';

const SECONDS = Number(process.env.TRACKER_BENCH_SECONDS ?? 5);

/**
 * The physical floor: 20 raw `pg` clients doing the database work each request needs, on the
 * tracker's own tables, with nothing else (no HTTP, validation, events or JSON):
 * - create-run: one transaction inserting the run row and its tags;
 * - log-batch: one transaction appending 10 history rows and moving the latest values;
 * - search: the first 1,000 runs in the default order, then their params, tags and latest
 *   metrics and dataset inputs (the tracker's own queries).
 */
export async function postgresFloor(
  databaseUrl: string,
  schema: string,
  writeExperiment: string,
  searchExperiment: string,
): Promise<Figures> {
  const s = `"${schema}"`;
  const pool = new Pool({ connectionString: databaseUrl, max: CLIENTS });
  const tx = async (work: (q: (text: string, values: unknown[]) => Promise<unknown>) => Promise<void>) => {
    const c = await pool.connect();
    try {
      await c.query('BEGIN');
      await work((text, values) => c.query(text, values));
      await c.query('COMMIT');
    } finally {
      c.release();
    }
  };
  try {
    const createRun = async () => {
      const id = randomUUID().replace(/-/g, '');
      await tx(async (q) => {
        await q(
          `INSERT INTO ${s}.runs (run_id, experiment_id, run_name, user_id, status, start_time, lifecycle_stage, artifact_uri)
           VALUES ($1, $2, $3, 'bench', 'RUNNING', $4, 'active', $5)`,
          [
            id,
            writeExperiment,
            `floor-${id}`,
            Date.now(),
            `mlflow-artifacts:/${writeExperiment}/${id}/artifacts`,
          ],
        );
        await q(
          `INSERT INTO ${s}.tags (run_id, key, value) SELECT $1, k, v FROM unnest($2::text[], $3::text[]) AS x(k, v)`,
          [id, ['mlflow.user', 'mlflow.source.type', 'mlflow.runName'], ['bench', 'LOCAL', `floor-${id}`]],
        );
      });
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
      return tx(async (q) => {
        await q(
          `INSERT INTO ${s}.metrics (run_id, key, value, timestamp, step)
           SELECT $1, * FROM unnest($2::text[], $3::float8[], $4::bigint[], $5::bigint[])`,
          [runs[c], ...cols],
        );
        await q(
          `INSERT INTO ${s}.latest_metrics AS l (run_id, key, value, timestamp, step)
           SELECT $1, * FROM unnest($2::text[], $3::float8[], $4::bigint[], $5::bigint[])
           ON CONFLICT (run_id, key) DO UPDATE SET value = EXCLUDED.value, timestamp = EXCLUDED.timestamp, step = EXCLUDED.step
           WHERE (EXCLUDED.step, EXCLUDED.timestamp, EXCLUDED.value) > (l.step, l.timestamp, l.value)`,
          [runs[c], ...cols],
        );
      });
    };
    await closedLoop(CLIENTS, 1, logBatch);
    const batch = await closedLoop(CLIENTS, SECONDS, logBatch);

    const search = async () => {
      const { rows } = await pool.query(
        `SELECT * FROM ${s}.runs r WHERE r.experiment_id = $1 AND r.lifecycle_stage = 'active'
         ORDER BY r.start_time DESC, r.run_id LIMIT ${PAGE + 1}`,
        [searchExperiment],
      );
      const ids = rows.slice(0, PAGE).map((r: { run_id: string }) => r.run_id);
      await Promise.all(
        [
          'params ORDER BY key',
          'tags ORDER BY key',
          'latest_metrics ORDER BY key',
          'run_inputs ORDER BY name',
        ].map((t) => {
          const [table, order] = t.split(' ORDER BY ');
          return pool.query(`SELECT * FROM ${s}.${table} WHERE run_id = ANY($1) ORDER BY ${order}`, [ids]);
        }),
      );
    };
    await closedLoop(CLIENTS, 1, search);
    const found = await closedLoop(CLIENTS, SECONDS, search);
    return {
      createRunMs: create.meanMs,
      logBatchMs: batch.meanMs,
      pointsPerSecond: batch.perSecond * BATCH_METRICS,
      searchMs: found.meanMs,
      failed: create.failed + batch.failed + found.failed,
    };
  } finally {
    await pool.end();
  }
}
