import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateModelCards1764400000004 implements MigrationInterface {
  name = 'CreateModelCards1764400000004';

  async up(qr: QueryRunner): Promise<void> {
    const s = (qr.connection.options as { schema?: string }).schema ?? 'public';
    await qr.query(`
      CREATE TABLE "${s}".model_cards (
        name text NOT NULL,
        version int NOT NULL,
        revision int NOT NULL,
        sections jsonb NOT NULL,
        card jsonb NOT NULL,
        digest text NOT NULL,
        published_by text NOT NULL,
        published_at timestamptz NOT NULL,
        PRIMARY KEY (name, version, revision),
        FOREIGN KEY (name, version) REFERENCES "${s}".model_versions(name, version)
          ON UPDATE CASCADE ON DELETE CASCADE
      )`);
  }

  async down(qr: QueryRunner): Promise<void> {
    const s = (qr.connection.options as { schema?: string }).schema ?? 'public';
    await qr.query(`DROP TABLE "${s}".model_cards`);
  }
}
