import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The git tag (`model/<name>/v<N>`) recorded for a version registered with `git_tag: true`. */
export class AddModelVersionGitTag1764400000006 implements MigrationInterface {
  name = 'AddModelVersionGitTag1764400000006';

  async up(qr: QueryRunner): Promise<void> {
    const s = (qr.connection.options as { schema?: string }).schema ?? 'public';
    await qr.query(`ALTER TABLE "${s}".model_versions ADD COLUMN git_tag text`);
  }

  async down(qr: QueryRunner): Promise<void> {
    const s = (qr.connection.options as { schema?: string }).schema ?? 'public';
    await qr.query(`ALTER TABLE "${s}".model_versions DROP COLUMN git_tag`);
  }
}
