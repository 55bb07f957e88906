import type { TrackerTables } from '../persistence/tracker-tables';

/**
 * Runs as MLflow's JSON (the shape `toMlflowRun` gives), built by PostgreSQL: `$1` is the run ids
 * in the order wanted, and each row's `run` is one run's JSON text. For a search's page of up to
 * 1,000 runs: parsing their params, tags and metrics into objects in Node and serialising them
 * again cost the tracker more than the queries cost PostgreSQL. Same fields, order and omissions
 * as `toMlflowRun` (no `end_time` while running, no `schema`/`profile` when unset), NaN and
 * infinities as the strings MLflow uses; numbers may be spelled differently (`1e-05`), never
 * valued differently. `run-search.int-spec.ts` holds the two to the same answers.
 */
export function mlflowRunsJsonSql(t: TrackerTables): string {
  const list = (select: string, from: string, order: string) =>
    `coalesce((SELECT json_agg(${select} ORDER BY ${order}) FROM ${from} x WHERE x.run_id = r.run_id), '[]')`;
  const keyValue = `json_build_object('key', x.key, 'value', x.value)`;
  return `
    SELECT json_build_object(
      'info', json_strip_nulls(json_build_object(
        'run_id', r.run_id, 'run_uuid', r.run_id, 'run_name', r.run_name,
        'experiment_id', r.experiment_id::text, 'user_id', r.user_id, 'status', r.status,
        'start_time', r.start_time, 'end_time', r.end_time, 'artifact_uri', r.artifact_uri,
        'lifecycle_stage', r.lifecycle_stage)),
      'data', json_build_object(
        'metrics', ${list(
          `json_build_object('key', x.key, 'value', x.value, 'timestamp', x.timestamp, 'step', x.step)`,
          t.latestMetrics,
          'x.key',
        )},
        'params', ${list(keyValue, t.params, 'x.key')},
        'tags', ${list(keyValue, t.tags, 'x.key')}),
      'inputs', json_build_object('dataset_inputs', ${list(
        `json_build_object('tags', x.tags, 'dataset', json_strip_nulls(json_build_object(
           'name', x.name, 'digest', x.digest, 'source_type', x.source_type, 'source', x.source,
           'schema', x.schema, 'profile', x.profile)))`,
        t.runInputs,
        'x.name, x.digest',
      )})
    )::text AS run
    FROM unnest($1::text[]) WITH ORDINALITY AS page(run_id, n)
    JOIN ${t.runs} r USING (run_id)
    ORDER BY page.n`;
}
