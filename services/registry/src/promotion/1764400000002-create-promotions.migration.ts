import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreatePromotions1764400000002 implements MigrationInterface {
  name = 'CreatePromotions1764400000002';

  async up(qr: QueryRunner): Promise<void> {
    const s = (qr.connection.options as { schema?: string }).schema ?? 'public';
    await qr.query(`
      CREATE TABLE "${s}".promotion_policies (
        name text NOT NULL,
        target text NOT NULL,
        policy jsonb NOT NULL,
        digest text NOT NULL,
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (name, target)
      )`);
    // The promotion history: one row per request, its latest evaluation and its approvals.
    await qr.query(`
      CREATE TABLE "${s}".promotions (
        promotion_id uuid PRIMARY KEY,
        name text NOT NULL,
        version int NOT NULL,
        target text NOT NULL,
        stage text,
        reason text,
        decision text NOT NULL,
        gates jsonb NOT NULL,
        approvals jsonb NOT NULL DEFAULT '[]',
        evaluations jsonb NOT NULL DEFAULT '[]',
        policy_digest text NOT NULL,
        requested_by text NOT NULL,
        requested_at timestamptz NOT NULL,
        decided_at timestamptz NOT NULL
      )`);
    await qr.query(`CREATE INDEX ON "${s}".promotions (name, version, requested_at)`);
  }

  async down(qr: QueryRunner): Promise<void> {
    const s = (qr.connection.options as { schema?: string }).schema ?? 'public';
    await qr.query(`DROP TABLE "${s}".promotions, "${s}".promotion_policies`);
  }
}
