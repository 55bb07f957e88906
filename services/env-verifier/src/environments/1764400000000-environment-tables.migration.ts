import type { MigrationInterface, QueryRunner } from 'typeorm';

function schemaOf(qr: QueryRunner): string {
  const schema = (qr.connection.options as { schema?: string }).schema ?? 'public';
  return `"${schema.replace(/"/g, '')}"`;
}

/**
 * Captures keep each manifest as received (one row per capture: the same environment captured
 * twice is two activities); targets name a reference environment and the policy to judge
 * against it; verifications keep the full difference list, which events cap.
 */
export class EnvironmentTables1764400000000 implements MigrationInterface {
  name = 'EnvironmentTables1764400000000';

  async up(qr: QueryRunner): Promise<void> {
    const s = schemaOf(qr);
    await qr.query(`CREATE TABLE ${s}.environment_captures (
        capture_id uuid PRIMARY KEY,
        fingerprint text NOT NULL,
        label text,
        run_id text,
        git_commit text,
        manifest jsonb NOT NULL,
        captured_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now())`);
    await qr.query(
      `CREATE INDEX captures_by_fingerprint ON ${s}.environment_captures (fingerprint, recorded_at DESC)`,
    );
    await qr.query(
      `CREATE INDEX captures_by_label ON ${s}.environment_captures (label, recorded_at DESC) WHERE label IS NOT NULL`,
    );
    await qr.query(
      `CREATE INDEX captures_by_run ON ${s}.environment_captures (run_id, recorded_at DESC) WHERE run_id IS NOT NULL`,
    );
    await qr.query(`CREATE TABLE ${s}.environment_targets (
        name text PRIMARY KEY,
        fingerprint text,
        policy jsonb,
        updated_at timestamptz NOT NULL DEFAULT now())`);
    await qr.query(`CREATE TABLE ${s}.environment_verifications (
        verification_id uuid PRIMARY KEY,
        fingerprint text NOT NULL,
        reference_kind text NOT NULL,
        reference_id text NOT NULL,
        reference_fingerprint text NOT NULL,
        verdict text NOT NULL,
        differences jsonb NOT NULL,
        policy jsonb NOT NULL,
        policy_digest text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now())`);
    await qr.query(
      `CREATE INDEX verifications_by_fingerprint ON ${s}.environment_verifications (fingerprint, created_at DESC)`,
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    const s = schemaOf(qr);
    await qr.query(
      `DROP TABLE ${s}.environment_verifications, ${s}.environment_targets, ${s}.environment_captures`,
    );
  }
}
