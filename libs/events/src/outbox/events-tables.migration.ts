import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A service's schema name as a quoted SQL identifier (its events tables live in it). */
export const quotedSchema = (schema: string) => `"${schema.replace(/"/g, '')}"`;

/**
 * The columns an outbox row keeps in `outbox_rejected` (created with LIKE outbox), for moving rows
 * between the two tables.
 */
export const OUTBOX_COLUMNS = 'id, event_id, event_type, topic, kafka_key, payload, headers, created_at';

function schemaOf(qr: QueryRunner): string {
  return quotedSchema((qr.connection.options as { schema?: string }).schema ?? 'public');
}

/**
 * The outbox (events written in the same transaction as the state change that caused them) and
 * the processed-events table (event ids recorded in the same transaction as a consumer's effect).
 * Every service that publishes or consumes includes this migration.
 */
export class EventsTables1764100000000 implements MigrationInterface {
  name = 'EventsTables1764100000000';

  async up(qr: QueryRunner): Promise<void> {
    const s = schemaOf(qr);
    await qr.query(`
      CREATE TABLE IF NOT EXISTS ${s}.outbox (
        id bigserial PRIMARY KEY,
        event_id uuid NOT NULL UNIQUE,
        event_type text NOT NULL,
        topic text NOT NULL,
        kafka_key text NOT NULL,
        payload bytea NOT NULL,
        headers text NOT NULL, -- JSON; text, not jsonb: it is only ever read back whole, and jsonb input costs
        created_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    // No NOTIFY trigger: PostgreSQL serialises the commits of notifying transactions on one
    // global lock, which caps concurrent writers; the relay polls an index instead (see relay).
    await qr.query(`
      CREATE TABLE IF NOT EXISTS ${s}.processed_events (
        consumer_group text NOT NULL,
        event_id uuid NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (consumer_group, event_id)
      )`);
  }

  async down(qr: QueryRunner): Promise<void> {
    const s = schemaOf(qr);
    await qr.query(`DROP TABLE IF EXISTS ${s}.processed_events`);
    await qr.query(`DROP TABLE IF EXISTS ${s}.outbox`);
  }
}

/**
 * Where the relay parks an outbox row that Kafka refuses for good (larger than the broker's
 * message limit even alone), with the broker's reason, so one such row cannot stop the outbox.
 */
export class OutboxRejected1764100000001 implements MigrationInterface {
  name = 'OutboxRejected1764100000001';

  async up(qr: QueryRunner): Promise<void> {
    const s = schemaOf(qr);
    await qr.query(`
      CREATE TABLE IF NOT EXISTS ${s}.outbox_rejected (
        -- The outbox's columns, primary key and event_id index, so the two cannot drift apart.
        LIKE ${s}.outbox INCLUDING INDEXES,
        rejected_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        reason text NOT NULL
      )`);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`DROP TABLE IF EXISTS ${schemaOf(qr)}.outbox_rejected`);
  }
}

/** The event runtime's migrations, in order: every service that publishes or consumes runs them. */
export const EVENTS_MIGRATIONS = [EventsTables1764100000000, OutboxRejected1764100000001];
