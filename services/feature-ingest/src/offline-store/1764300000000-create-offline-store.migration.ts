import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The offline store (DESIGN.md §3): append-only, bitemporal feature rows. Times are whole
 * microseconds since the epoch in bigint columns, so nothing between the producer and a training
 * set ever rounds them to milliseconds. The role `provenant_offline_reader` (if this service's
 * database role may create it) gets SELECT only: the materializer reads through it.
 */
export class CreateOfflineStore1764300000000 implements MigrationInterface {
  name = 'CreateOfflineStore1764300000000';

  async up(qr: QueryRunner): Promise<void> {
    const s = `"${(qr.connection.options as { schema?: string }).schema ?? 'public'}"`;
    await qr.query(`
      CREATE TABLE ${s}.feature_rows (
        feature_view text NOT NULL,
        view_version int NOT NULL,
        entity_key text NOT NULL,
        event_ts bigint NOT NULL,
        created_ts bigint NOT NULL,
        batch_id text NOT NULL,
        ingestion_seq bigserial NOT NULL,
        "values" jsonb NOT NULL
      )`);
    // The point-in-time lookup: newest event_ts, then created_ts, then ingestion order, per key.
    await qr.query(`
      CREATE INDEX feature_rows_pit ON ${s}.feature_rows
        (feature_view, view_version, entity_key, event_ts DESC, created_ts DESC, ingestion_seq DESC)`);
    await qr.query(`CREATE INDEX feature_rows_batch ON ${s}.feature_rows (batch_id)`);
    await qr.query(`
      CREATE TABLE ${s}.ingest_batches (
        batch_id text PRIMARY KEY,
        feature_view text NOT NULL,
        view_version int,
        source text NOT NULL,
        source_uri text,
        policy text NOT NULL,
        total_rows int NOT NULL,
        accepted int NOT NULL,
        rejected int NOT NULL,
        created_ts bigint NOT NULL,
        event_ts_min bigint,
        event_ts_max bigint,
        ingestion_seq_first bigint,
        ingestion_seq_last bigint,
        rows_digest text,
        actor text NOT NULL
      )`);
    await qr.query(`
      CREATE TABLE ${s}.quarantined_rows (
        batch_id text NOT NULL,
        row_index int NOT NULL,
        feature_view text NOT NULL,
        reason text NOT NULL,
        field text,
        message text NOT NULL,
        row_data jsonb NOT NULL,
        quarantined_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (batch_id, row_index)
      )`);
    await qr.query(`
      DO $$ BEGIN
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'provenant_offline_reader') THEN
          CREATE ROLE provenant_offline_reader NOLOGIN;
        END IF;
      EXCEPTION WHEN insufficient_privilege THEN
        RAISE NOTICE 'cannot create provenant_offline_reader: grant the materializer SELECT by hand';
      END $$`);
    await qr.query(`
      DO $$ BEGIN
        IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'provenant_offline_reader') THEN
          GRANT USAGE ON SCHEMA ${s} TO provenant_offline_reader;
          GRANT SELECT ON ${s}.feature_rows, ${s}.ingest_batches TO provenant_offline_reader;
        END IF;
      END $$`);
  }

  async down(qr: QueryRunner): Promise<void> {
    const s = `"${(qr.connection.options as { schema?: string }).schema ?? 'public'}"`;
    await qr.query(`DROP TABLE ${s}.quarantined_rows, ${s}.ingest_batches, ${s}.feature_rows`);
  }
}
