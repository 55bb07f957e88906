import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Training sets from the feature store become dataset versions, one per training set id. */
export class AddTrainingSetId1764400000005 implements MigrationInterface {
  name = 'AddTrainingSetId1764400000005';

  async up(qr: QueryRunner): Promise<void> {
    const s = (qr.connection.options as { schema?: string }).schema ?? 'public';
    await qr.query(`ALTER TABLE "${s}".dataset_versions ADD COLUMN training_set_id text`);
    await qr.query(
      `CREATE UNIQUE INDEX dataset_versions_training_set_id ON "${s}".dataset_versions (training_set_id)
         WHERE training_set_id IS NOT NULL`,
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    const s = (qr.connection.options as { schema?: string }).schema ?? 'public';
    await qr.query(`ALTER TABLE "${s}".dataset_versions DROP COLUMN training_set_id`);
  }
}
