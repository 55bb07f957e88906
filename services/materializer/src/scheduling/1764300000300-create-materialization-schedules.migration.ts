import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Scheduled materialization and freshness: one schedule row per scheduled view (when it is next
 * due, what the last tick did), the tick a scheduled run stands for, and the newest event_ts
 * each view version has had materialized by any path (streaming or runs), for freshness.
 */
export class CreateMaterializationSchedules1764300000300 implements MigrationInterface {
  name = 'CreateMaterializationSchedules1764300000300';

  async up(qr: QueryRunner): Promise<void> {
    const s = `"${(qr.connection.options as { schema?: string }).schema ?? 'public'}"`;
    await qr.query(`
      CREATE TABLE ${s}.materialization_schedules (
        feature_view text PRIMARY KEY,
        schedule text NOT NULL,
        next_due_at bigint,
        last_due_at bigint,
        last_run_id text,
        error text,
        updated_at bigint NOT NULL
      )`);
    await qr.query(`
      ALTER TABLE ${s}.materialization_runs
        ADD COLUMN scheduled_for bigint,
        ADD COLUMN ticks_covered int,
        ADD COLUMN instance text`);
    // At most one run per view and schedule tick, whatever the number of instances.
    await qr.query(
      `CREATE UNIQUE INDEX materialization_runs_tick ON ${s}.materialization_runs (feature_view, scheduled_for)
       WHERE scheduled_for IS NOT NULL`,
    );
    await qr.query(`
      CREATE TABLE ${s}.online_freshness (
        feature_view text NOT NULL,
        view_version int NOT NULL,
        newest_event_ts bigint NOT NULL,
        updated_at bigint NOT NULL,
        PRIMARY KEY (feature_view, view_version)
      )`);
  }

  async down(qr: QueryRunner): Promise<void> {
    const s = `"${(qr.connection.options as { schema?: string }).schema ?? 'public'}"`;
    await qr.query(`DROP TABLE ${s}.online_freshness, ${s}.materialization_schedules`);
    await qr.query(`DROP INDEX ${s}.materialization_runs_tick`);
    await qr.query(
      `ALTER TABLE ${s}.materialization_runs DROP COLUMN scheduled_for, DROP COLUMN ticks_covered, DROP COLUMN instance`,
    );
  }
}
