import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * feature-ingest's own copy of the definitions it validates against, built from the registry's
 * events (never from the registry's tables), and the materialization watermarks it learns from
 * MaterializationCompleted to recognise late rows.
 */
export class CreateDefinitionProjection1764300000001 implements MigrationInterface {
  name = 'CreateDefinitionProjection1764300000001';

  async up(qr: QueryRunner): Promise<void> {
    const s = `"${(qr.connection.options as { schema?: string }).schema ?? 'public'}"`;
    await qr.query(`
      CREATE TABLE ${s}.known_entities (
        name text PRIMARY KEY,
        version int NOT NULL,
        join_keys jsonb NOT NULL,
        deleted boolean NOT NULL
      )`);
    await qr.query(`
      CREATE TABLE ${s}.known_views (
        name text NOT NULL,
        version int NOT NULL,
        definition jsonb NOT NULL,
        current boolean NOT NULL,
        deleted boolean NOT NULL,
        PRIMARY KEY (name, version)
      )`);
    await qr.query(`CREATE UNIQUE INDEX known_views_current ON ${s}.known_views (name) WHERE current`);
    await qr.query(`
      CREATE TABLE ${s}.view_watermarks (
        feature_view text PRIMARY KEY,
        watermark bigint NOT NULL
      )`);
  }

  async down(qr: QueryRunner): Promise<void> {
    const s = `"${(qr.connection.options as { schema?: string }).schema ?? 'public'}"`;
    await qr.query(`DROP TABLE ${s}.view_watermarks, ${s}.known_views, ${s}.known_entities`);
  }
}
