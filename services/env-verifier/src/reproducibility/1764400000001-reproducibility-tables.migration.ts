import type { MigrationInterface, QueryRunner } from 'typeorm';

function schemaOf(qr: QueryRunner): string {
  const schema = (qr.connection.options as { schema?: string }).schema ?? 'public';
  return `"${schema.replace(/"/g, '')}"`;
}

/** Reproducibility checks, with the two run descriptions they judged and the statement emitted. */
export class ReproducibilityTables1764400000001 implements MigrationInterface {
  name = 'ReproducibilityTables1764400000001';

  async up(qr: QueryRunner): Promise<void> {
    const s = schemaOf(qr);
    await qr.query(`CREATE TABLE ${s}.reproducibility_checks (
        check_id uuid PRIMARY KEY,
        baseline_run_id text NOT NULL,
        candidate_run_id text NOT NULL,
        verdict text NOT NULL,
        differences jsonb NOT NULL,
        request jsonb NOT NULL,
        statement jsonb,
        provenance_digest text,
        created_at timestamptz NOT NULL DEFAULT now())`);
    await qr.query(
      `CREATE INDEX checks_by_candidate ON ${s}.reproducibility_checks (candidate_run_id, created_at DESC)`,
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`DROP TABLE ${schemaOf(qr)}.reproducibility_checks`);
  }
}
