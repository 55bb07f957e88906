import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Materialization reads a view's rows in ingestion order past its watermark
 * (`ingestion_seq > afterSeq`), every run and, for scheduled views, every tick: without this
 * index each run scans all of the view's rows. `ingestion_seq` only grows, so inserts append
 * at the index's right edge.
 */
export class IndexIngestionOrder1764300000002 implements MigrationInterface {
  name = 'IndexIngestionOrder1764300000002';

  async up(qr: QueryRunner): Promise<void> {
    const s = `"${(qr.connection.options as { schema?: string }).schema ?? 'public'}"`;
    await qr.query(
      `CREATE INDEX IF NOT EXISTS feature_rows_ingestion ON ${s}.feature_rows (feature_view, view_version, ingestion_seq)`,
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    const s = `"${(qr.connection.options as { schema?: string }).schema ?? 'public'}"`;
    await qr.query(`DROP INDEX IF EXISTS ${s}.feature_rows_ingestion`);
  }
}
