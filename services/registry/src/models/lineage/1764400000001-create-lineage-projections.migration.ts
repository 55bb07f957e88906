import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The registry's own projections of other services' events (it never reads their tables). */
export class CreateLineageProjections1764400000001 implements MigrationInterface {
  name = 'CreateLineageProjections1764400000001';

  async up(qr: QueryRunner): Promise<void> {
    const s = (qr.connection.options as { schema?: string }).schema ?? 'public';
    await qr.query(`
      CREATE TABLE "${s}".run_lineage (
        run_id text PRIMARY KEY,
        experiment_id text,
        status text,
        code_commit text,
        env_fingerprint text,
        params jsonb NOT NULL DEFAULT '{}',
        metrics jsonb NOT NULL DEFAULT '{}',
        datasets jsonb NOT NULL DEFAULT '[]',
        artifacts jsonb NOT NULL DEFAULT '{}',
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await qr.query(`
      CREATE TABLE "${s}".env_verifications (
        fingerprint text NOT NULL,
        target text NOT NULL,
        verdict text NOT NULL,
        verification_id text NOT NULL,
        verified_at timestamptz NOT NULL,
        PRIMARY KEY (fingerprint, target)
      )`);
    await qr.query(`
      CREATE TABLE "${s}".ledger_violations (
        violation_id text PRIMARY KEY,
        kind text NOT NULL,
        detail text NOT NULL,
        detected_at timestamptz NOT NULL,
        resolved_at timestamptz,
        resolved_by text,
        resolution text
      )`);
  }

  async down(qr: QueryRunner): Promise<void> {
    const s = (qr.connection.options as { schema?: string }).schema ?? 'public';
    await qr.query(`DROP TABLE "${s}".run_lineage, "${s}".env_verifications, "${s}".ledger_violations`);
  }
}
