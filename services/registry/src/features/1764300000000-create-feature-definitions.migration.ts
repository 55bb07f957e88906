import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateFeatureDefinitions1764300000000 implements MigrationInterface {
  name = 'CreateFeatureDefinitions1764300000000';

  async up(qr: QueryRunner): Promise<void> {
    const s = (qr.connection.options as { schema?: string }).schema ?? 'public';
    await qr.query(`
      CREATE TABLE "${s}".feature_definitions (
        kind text NOT NULL CHECK (kind IN ('entity', 'feature_view', 'feature_service')),
        name text NOT NULL,
        revision int NOT NULL,
        version int NOT NULL,
        change text NOT NULL,
        spec jsonb NOT NULL,
        digest text NOT NULL,
        apply_id uuid NOT NULL,
        applied_by text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (kind, name, revision)
      )`);
  }

  async down(qr: QueryRunner): Promise<void> {
    const s = (qr.connection.options as { schema?: string }).schema ?? 'public';
    await qr.query(`DROP TABLE "${s}".feature_definitions`);
  }
}
