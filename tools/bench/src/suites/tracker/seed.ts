import type { Client } from 'pg';

/**
 * The search workload's runs, written straight into each backend's tables by one
 * `INSERT … SELECT FROM generate_series` per table (server-side: no rows cross the wire, so it
 * is at least as fast as COPY), with the foreign keys dropped during the load (see bulkLoad). Both backends get the same runs: the same ids (md5 of the index),
 * start times, 3 params, 3 tags and the latest values of 3 metrics (search reads only those; no
 * metric history is seeded).
 * The experiment itself is created through each server's API, so it is a real one.
 */
export const SEED_RUNS = 100_000;
const T0 = 1_767_225_600_000;

const RUNS = `generate_series(1, ${SEED_RUNS}) AS i`;
const ID = `md5('bench-run-' || i)`;
const PARAMS = `(VALUES ('lr', (i % 10)::text), ('optimizer', CASE WHEN i % 2 = 0 THEN 'adam' ELSE 'sgd' END),
  ('group', 'g' || (i % 100)::text)) AS p(key, value)`;
const TAGS = `(VALUES ('mlflow.runName', 'seed-' || i), ('mlflow.user', 'bench'), ('mlflow.source.type', 'LOCAL')) AS t(key, value)`;
const METRICS = `(VALUES ('acc', (i % 1000) / 1000.0), ('loss', 1 - (i % 1000) / 1000.0), ('f1', (i % 97) / 97.0)) AS m(key, value)`;

/** Into the tracker's schema (services/tracker/src/persistence/*-tracker-tables.migration.ts). */
export async function seedTracker(sql: Client, schema: string, experimentId: string): Promise<void> {
  const s = `"${schema}"`;
  await bulkLoad(sql, [`${s}.params`, `${s}.tags`, `${s}.latest_metrics`], async () => {
    await sql.query(
      `INSERT INTO ${s}.runs (run_id, experiment_id, run_name, user_id, status, start_time, end_time, lifecycle_stage, artifact_uri)
       SELECT ${ID}, $1::bigint, 'seed-' || i, 'bench', 'FINISHED', ${T0} + i, ${T0} + i + 1000, 'active',
         'mlflow-artifacts:/' || $1::text || '/' || ${ID} || '/artifacts' FROM ${RUNS} ORDER BY 1`,
      [experimentId],
    );
    await sql.query(
      `INSERT INTO ${s}.params (run_id, key, value) SELECT ${ID}, p.key, p.value FROM ${RUNS} CROSS JOIN LATERAL ${PARAMS} ORDER BY 1, 2`,
    );
    await sql.query(
      `INSERT INTO ${s}.tags (run_id, key, value) SELECT ${ID}, t.key, t.value FROM ${RUNS} CROSS JOIN LATERAL ${TAGS} ORDER BY 1, 2`,
    );
    await sql.query(
      `INSERT INTO ${s}.latest_metrics (run_id, key, value, timestamp, step) SELECT ${ID}, m.key, m.value, ${T0} + i, 0 FROM ${RUNS} CROSS JOIN LATERAL ${METRICS} ORDER BY 1, 2`,
    );
  });
  await sql.query(`ANALYZE ${s}.runs, ${s}.params, ${s}.tags, ${s}.latest_metrics`);
}

/** Into MLflow's tables (mlflow/store/tracking/dbmodels/models.py, as its migrations create them). */
export async function seedMlflow(sql: Client, experimentId: string, artifactRoot: string): Promise<void> {
  await bulkLoad(sql, ['params', 'tags', 'latest_metrics'], async () => {
    await sql.query(
      `INSERT INTO runs (run_uuid, name, source_type, source_name, entry_point_name, user_id, status, start_time, end_time,
         source_version, lifecycle_stage, artifact_uri, experiment_id)
       SELECT ${ID}, 'seed-' || i, 'LOCAL', '', '', 'bench', 'FINISHED', ${T0} + i, ${T0} + i + 1000, '', 'active',
         $2::text || '/' || ${ID} || '/artifacts', $1::int FROM ${RUNS} ORDER BY 1`,
      [Number(experimentId), artifactRoot],
    );
    await sql.query(
      `INSERT INTO params (run_uuid, key, value) SELECT ${ID}, p.key, p.value FROM ${RUNS} CROSS JOIN LATERAL ${PARAMS} ORDER BY 1, 2`,
    );
    await sql.query(
      `INSERT INTO tags (run_uuid, key, value) SELECT ${ID}, t.key, t.value FROM ${RUNS} CROSS JOIN LATERAL ${TAGS} ORDER BY 1, 2`,
    );
    await sql.query(
      `INSERT INTO latest_metrics (run_uuid, key, value, timestamp, step, is_nan) SELECT ${ID}, m.key, m.value, ${T0} + i, 0, false FROM ${RUNS} CROSS JOIN LATERAL ${METRICS} ORDER BY 1, 2`,
    );
  });
  await sql.query('ANALYZE runs, params, tags, latest_metrics');
}

/**
 * PostgreSQL's advice for populating a database: drop the foreign keys of the child tables, load,
 * and add them back (one validating join instead of a trigger per row, ~10x faster here). In one
 * transaction, so nobody ever sees the tables without their constraints.
 */
async function bulkLoad(sql: Client, children: string[], load: () => Promise<void>): Promise<void> {
  await sql.query('BEGIN');
  try {
    const { rows } = await sql.query<{ tbl: string; name: string; def: string }>(
      `SELECT conrelid::regclass::text AS tbl, conname AS name, pg_get_constraintdef(oid) AS def
       FROM pg_constraint WHERE contype = 'f' AND conrelid = ANY($1::regclass[])`,
      [children],
    );
    for (const fk of rows) await sql.query(`ALTER TABLE ${fk.tbl} DROP CONSTRAINT "${fk.name}"`);
    await load();
    for (const fk of rows) await sql.query(`ALTER TABLE ${fk.tbl} ADD CONSTRAINT "${fk.name}" ${fk.def}`);
    await sql.query('COMMIT');
  } catch (err) {
    await sql.query('ROLLBACK');
    throw err;
  }
}
