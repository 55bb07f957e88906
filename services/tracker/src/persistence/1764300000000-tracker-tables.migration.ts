import type { MigrationInterface, QueryRunner } from 'typeorm';

function schemaOf(qr: QueryRunner): string {
  const schema = (qr.connection.options as { schema?: string }).schema ?? 'public';
  return `"${schema.replace(/"/g, '')}"`;
}

/**
 * The tracker's tables. Metric history is append-only; `latest_metrics` keeps the value runs/get
 * and search read, so a run with a long history costs the same to list as one with a single point
 * (MLflow's SQL store does the same, for the same reason: mlflow/mlflow#1571).
 */
export class TrackerTables1764300000000 implements MigrationInterface {
  name = 'TrackerTables1764300000000';

  async up(qr: QueryRunner): Promise<void> {
    const s = schemaOf(qr);
    await qr.query(`
      CREATE TABLE ${s}.experiments (
        experiment_id bigserial PRIMARY KEY,
        name text NOT NULL UNIQUE,
        artifact_location text NOT NULL,
        lifecycle_stage text NOT NULL DEFAULT 'active',
        creation_time bigint NOT NULL,
        last_update_time bigint NOT NULL
      )`);
    await qr.query(`CREATE TABLE ${s}.experiment_tags (
        experiment_id bigint NOT NULL REFERENCES ${s}.experiments ON DELETE CASCADE,
        key text NOT NULL, value text NOT NULL, PRIMARY KEY (experiment_id, key))`);
    // MLflow clients fall back to experiment "0" when none is set; the server always has it.
    await qr.query(`INSERT INTO ${s}.experiments (experiment_id, name, artifact_location, creation_time, last_update_time)
      VALUES (0, 'Default', 'mlflow-artifacts:/0', (extract(epoch from now()) * 1000)::bigint, (extract(epoch from now()) * 1000)::bigint)`);
    await qr.query(`
      CREATE TABLE ${s}.runs (
        run_id text PRIMARY KEY,
        experiment_id bigint NOT NULL REFERENCES ${s}.experiments,
        run_name text NOT NULL,
        user_id text NOT NULL DEFAULT '',
        status text NOT NULL,
        start_time bigint NOT NULL,
        end_time bigint,
        lifecycle_stage text NOT NULL DEFAULT 'active',
        artifact_uri text NOT NULL,
        parent_run_id text,
        code_commit text,
        code_dirty boolean,
        code_diff_digest text,
        environment_fingerprint text
      )`);
    // The default search order (start_time DESC, run_id) per experiment, and keyset pages over it.
    await qr.query(`CREATE INDEX runs_by_experiment ON ${s}.runs (experiment_id, start_time DESC, run_id)`);
    await qr.query(`CREATE TABLE ${s}.params (
        run_id text NOT NULL REFERENCES ${s}.runs ON DELETE CASCADE,
        key text NOT NULL, value text NOT NULL, PRIMARY KEY (run_id, key))`);
    await qr.query(`CREATE TABLE ${s}.tags (
        run_id text NOT NULL REFERENCES ${s}.runs ON DELETE CASCADE,
        key text NOT NULL, value text NOT NULL, PRIMARY KEY (run_id, key))`);
    await qr.query(`CREATE TABLE ${s}.metrics (
        seq bigserial PRIMARY KEY,
        run_id text NOT NULL REFERENCES ${s}.runs ON DELETE CASCADE,
        key text NOT NULL, value double precision NOT NULL,
        timestamp bigint NOT NULL, step bigint NOT NULL)`);
    await qr.query(`CREATE INDEX metrics_history ON ${s}.metrics (run_id, key, seq)`);
    await qr.query(`CREATE TABLE ${s}.latest_metrics (
        run_id text NOT NULL REFERENCES ${s}.runs ON DELETE CASCADE,
        key text NOT NULL, value double precision NOT NULL,
        timestamp bigint NOT NULL, step bigint NOT NULL, PRIMARY KEY (run_id, key))`);
    await qr.query(`CREATE TABLE ${s}.run_inputs (
        run_id text NOT NULL REFERENCES ${s}.runs ON DELETE CASCADE,
        name text NOT NULL, digest text NOT NULL, source_type text NOT NULL, source text NOT NULL,
        schema text, profile text, context text, tags jsonb NOT NULL DEFAULT '[]',
        PRIMARY KEY (run_id, name, digest))`);
    // Artifacts are addressed by their path under the mlflow-artifacts root; the content lives
    // in the blob store under its SHA-256, so identical files are stored once.
    await qr.query(`CREATE TABLE ${s}.artifacts (
        path text PRIMARY KEY,
        run_id text REFERENCES ${s}.runs ON DELETE SET NULL,
        digest text NOT NULL, size_bytes bigint NOT NULL, content_type text,
        created_at bigint NOT NULL)`);
    await qr.query(`CREATE INDEX artifacts_by_run ON ${s}.artifacts (run_id) WHERE run_id IS NOT NULL`);
    // Directory listings are prefix scans.
    await qr.query(`CREATE INDEX artifacts_by_prefix ON ${s}.artifacts (path text_pattern_ops)`);
  }

  async down(qr: QueryRunner): Promise<void> {
    const s = schemaOf(qr);
    for (const t of [
      'artifacts',
      'run_inputs',
      'latest_metrics',
      'metrics',
      'tags',
      'params',
      'runs',
      'experiment_tags',
      'experiments',
    ])
      await qr.query(`DROP TABLE IF EXISTS ${s}.${t}`);
  }
}
