import type { MigrationInterface, QueryRunner } from 'typeorm';

const APPEND_ONLY = [
  'ledger_leaves',
  'ledger_nodes',
  'ledger_checkpoints',
  'ledger_signing_keys',
  'ledger_verifications',
];
/** A role with read and append rights only, for deployments that run the service as a non-owner. */
export const LEDGER_APPEND_ROLE = 'provenant_ledger_append';

/**
 * The Merkle log. Append-only at the database level twice over: a trigger refuses UPDATE, DELETE
 * and TRUNCATE, and the owning role's own UPDATE/DELETE/TRUNCATE privileges are revoked, so a
 * change needs both a GRANT and disabling the trigger, i.e. deliberate superuser-like action,
 * which verification then detects (docs/ledger.md).
 */
export class LedgerTables1764300000000 implements MigrationInterface {
  name = 'LedgerTables1764300000000';

  async up(qr: QueryRunner): Promise<void> {
    const s = `"${((qr.connection.options as { schema?: string }).schema ?? 'public').replace(/"/g, '')}"`;
    await qr.query(`
      CREATE TABLE ${s}.ledger_leaves (
        leaf_index bigint PRIMARY KEY CHECK (leaf_index >= 0),
        event_id uuid NOT NULL UNIQUE,
        event_type text NOT NULL,
        subject text NOT NULL,
        occurred_at bigint NOT NULL,
        leaf bytea NOT NULL,
        leaf_hash bytea NOT NULL,
        topic text NOT NULL,
        kafka_partition int NOT NULL,
        kafka_offset bigint NOT NULL,
        appended_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await qr.query(`CREATE INDEX ledger_leaves_subject ON ${s}.ledger_leaves (subject, leaf_index)`);
    // Every completed perfect subtree above the leaves (RFC 9162 §2.1.1): level ≥ 1, leaves
    // [idx·2^level, (idx+1)·2^level). Proofs and the next append read O(log n) of these.
    await qr.query(`
      CREATE TABLE ${s}.ledger_nodes (
        level smallint NOT NULL CHECK (level >= 1),
        idx bigint NOT NULL,
        hash bytea NOT NULL,
        PRIMARY KEY (level, idx)
      )`);
    await qr.query(`
      CREATE TABLE ${s}.ledger_checkpoints (
        tree_size bigint PRIMARY KEY,
        root_hash bytea NOT NULL,
        note text NOT NULL,
        key_id text NOT NULL,
        signed_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await qr.query(`
      CREATE TABLE ${s}.ledger_signing_keys (
        key_name text PRIMARY KEY,
        seed bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await qr.query(`
      CREATE TABLE ${s}.ledger_verifications (
        id bigserial PRIMARY KEY,
        verified_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        tree_size bigint NOT NULL,
        ok boolean NOT NULL,
        kind text,
        first_bad_index bigint,
        expected text,
        actual text,
        detail text NOT NULL
      )`);
    await qr.query(`
      CREATE FUNCTION ${s}.ledger_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the audit ledger is append-only: % on %.% refused', TG_OP, TG_TABLE_SCHEMA, TG_TABLE_NAME
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    for (const table of APPEND_ONLY) {
      await qr.query(
        `CREATE TRIGGER append_only BEFORE UPDATE OR DELETE ON ${s}.${table} FOR EACH ROW EXECUTE FUNCTION ${s}.ledger_refuse_change()`,
      );
      await qr.query(
        `CREATE TRIGGER append_only_truncate BEFORE TRUNCATE ON ${s}.${table} FOR EACH STATEMENT EXECUTE FUNCTION ${s}.ledger_refuse_change()`,
      );
      await qr.query(`REVOKE UPDATE, DELETE, TRUNCATE ON ${s}.${table} FROM PUBLIC, CURRENT_USER`);
    }
    await this.createAppendRole(qr, s);
  }

  /** Best effort: roles are cluster-wide and need CREATEROLE; without it the owner's revokes stand alone. */
  private async createAppendRole(qr: QueryRunner, s: string): Promise<void> {
    const tables = APPEND_ONLY.map((t) => `${s}.${t}`).join(', ');
    await qr.query(`
      DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${LEDGER_APPEND_ROLE}') THEN
          CREATE ROLE ${LEDGER_APPEND_ROLE} NOLOGIN;
        END IF;
        GRANT USAGE ON SCHEMA ${s} TO ${LEDGER_APPEND_ROLE};
        GRANT SELECT, INSERT ON ${tables} TO ${LEDGER_APPEND_ROLE};
        GRANT USAGE ON ALL SEQUENCES IN SCHEMA ${s} TO ${LEDGER_APPEND_ROLE};
        GRANT SELECT, INSERT, UPDATE, DELETE ON ${s}.outbox, ${s}.processed_events TO ${LEDGER_APPEND_ROLE};
      EXCEPTION WHEN OTHERS THEN
        RAISE NOTICE 'role ${LEDGER_APPEND_ROLE} not set up: %', SQLERRM;
      END $$`);
  }

  async down(): Promise<void> {
    throw new Error('the audit ledger is append-only: its tables are never dropped by a migration');
  }
}
