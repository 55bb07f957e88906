import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateDatasetVersions1764400000003 implements MigrationInterface {
  name = 'CreateDatasetVersions1764400000003';

  async up(qr: QueryRunner): Promise<void> {
    const s = (qr.connection.options as { schema?: string }).schema ?? 'public';
    await qr.query(`
      CREATE TABLE "${s}".dataset_versions (
        name text NOT NULL,
        version int NOT NULL,
        digest text NOT NULL,
        dvc_md5 text,
        origin text NOT NULL,
        path text,
        file_count bigint NOT NULL,
        total_bytes bigint NOT NULL,
        manifest jsonb NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (name, version)
      )`);
    await qr.query(`CREATE INDEX ON "${s}".dataset_versions (digest)`);
  }

  async down(qr: QueryRunner): Promise<void> {
    const s = (qr.connection.options as { schema?: string }).schema ?? 'public';
    await qr.query(`DROP TABLE "${s}".dataset_versions`);
  }
}
