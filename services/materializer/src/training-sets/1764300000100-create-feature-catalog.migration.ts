import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The materializer's copy of the feature definitions, learned from the registry's events, and
 * the training sets it has built.
 */
export class CreateFeatureCatalog1764300000100 implements MigrationInterface {
  name = 'CreateFeatureCatalog1764300000100';

  async up(qr: QueryRunner): Promise<void> {
    const s = `"${(qr.connection.options as { schema?: string }).schema ?? 'public'}"`;
    await qr.query(`
      CREATE TABLE ${s}.catalog_entities (
        name text PRIMARY KEY,
        version int NOT NULL,
        join_keys jsonb NOT NULL,
        deleted boolean NOT NULL
      )`);
    for (const table of ['catalog_feature_views', 'catalog_feature_services']) {
      await qr.query(`
        CREATE TABLE ${s}.${table} (
          name text NOT NULL,
          version int NOT NULL,
          definition jsonb NOT NULL,
          current boolean NOT NULL,
          deleted boolean NOT NULL,
          PRIMARY KEY (name, version)
        )`);
      await qr.query(`CREATE UNIQUE INDEX ${table}_current ON ${s}.${table} (name) WHERE current`);
    }
    await qr.query(`
      CREATE TABLE ${s}.training_sets (
        training_set_id text PRIMARY KEY,
        name text NOT NULL,
        digest text NOT NULL,
        format text NOT NULL,
        row_count int NOT NULL,
        entity_rows_digest text NOT NULL,
        feature_refs jsonb NOT NULL,
        feature_views jsonb NOT NULL,
        as_of bigint,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(qr: QueryRunner): Promise<void> {
    const s = `"${(qr.connection.options as { schema?: string }).schema ?? 'public'}"`;
    await qr.query(
      `DROP TABLE ${s}.training_sets, ${s}.catalog_feature_services, ${s}.catalog_feature_views, ${s}.catalog_entities`,
    );
  }
}
