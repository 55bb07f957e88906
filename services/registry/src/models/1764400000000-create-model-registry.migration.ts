import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateModelRegistry1764400000000 implements MigrationInterface {
  name = 'CreateModelRegistry1764400000000';

  async up(qr: QueryRunner): Promise<void> {
    const s = (qr.connection.options as { schema?: string }).schema ?? 'public';
    await qr.query(`
      CREATE TABLE "${s}".registered_models (
        name text PRIMARY KEY,
        description text,
        tags jsonb NOT NULL DEFAULT '{}',
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await qr.query(`
      CREATE TABLE "${s}".model_versions (
        name text NOT NULL REFERENCES "${s}".registered_models(name) ON UPDATE CASCADE ON DELETE CASCADE,
        version int NOT NULL,
        source text NOT NULL,
        run_id text,
        artifact_digest text,
        signature jsonb,
        status text NOT NULL,
        archived boolean NOT NULL DEFAULT false,
        description text,
        tags jsonb NOT NULL DEFAULT '{}',
        run_link text,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (name, version)
      )`);
    await qr.query(`CREATE INDEX ON "${s}".model_versions (run_id)`);
    await qr.query(`
      CREATE TABLE "${s}".model_aliases (
        name text NOT NULL,
        alias text NOT NULL,
        version int NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (name, alias),
        FOREIGN KEY (name, version) REFERENCES "${s}".model_versions(name, version)
          ON UPDATE CASCADE ON DELETE CASCADE
      )`);
  }

  async down(qr: QueryRunner): Promise<void> {
    const s = (qr.connection.options as { schema?: string }).schema ?? 'public';
    await qr.query(`DROP TABLE "${s}".model_aliases, "${s}".model_versions, "${s}".registered_models`);
  }
}
