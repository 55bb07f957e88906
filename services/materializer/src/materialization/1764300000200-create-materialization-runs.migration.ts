import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Batch/incremental materialization state: a durable cursor per view version (ingestion order
 * and event-time watermark) and one row per run, updated after every chunk in the same
 * transaction as its counts, so a crashed run resumes where it stopped with exact counts.
 */
export class CreateMaterializationRuns1764300000200 implements MigrationInterface {
  name = 'CreateMaterializationRuns1764300000200';

  async up(qr: QueryRunner): Promise<void> {
    const s = `"${(qr.connection.options as { schema?: string }).schema ?? 'public'}"`;
    await qr.query(`
      CREATE TABLE ${s}.materialization_cursors (
        feature_view text NOT NULL,
        view_version int NOT NULL,
        last_seq bigint NOT NULL,
        watermark bigint,
        PRIMARY KEY (feature_view, view_version)
      )`);
    await qr.query(`
      CREATE TABLE ${s}.materialization_runs (
        materialization_id text PRIMARY KEY,
        feature_view text NOT NULL,
        view_version int NOT NULL,
        mode text NOT NULL,
        status text NOT NULL,
        window_start bigint,
        window_end bigint NOT NULL,
        previous_watermark bigint,
        watermark bigint,
        after_seq bigint NOT NULL,
        target_seq bigint NOT NULL,
        rows_read bigint NOT NULL DEFAULT 0,
        rows_written bigint NOT NULL DEFAULT 0,
        rows_skipped_stale bigint NOT NULL DEFAULT 0,
        digest text NOT NULL,
        started_at bigint NOT NULL,
        completed_at bigint,
        error text
      )`);
    // One run at a time per view, across instances: a second start finds and resumes this one.
    await qr.query(
      `CREATE UNIQUE INDEX materialization_runs_running ON ${s}.materialization_runs (feature_view) WHERE status = 'RUNNING'`,
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    const s = `"${(qr.connection.options as { schema?: string }).schema ?? 'public'}"`;
    await qr.query(`DROP TABLE ${s}.materialization_runs, ${s}.materialization_cursors`);
  }
}
