import type { DataSource } from 'typeorm';
import { OUTBOX_COLUMNS, quotedSchema } from './events-tables.migration';

/** An event the relay parked because Kafka refused it even alone (larger than the topic allows). */
export interface ParkedEvent {
  eventId: string;
  eventType: string;
  topic: string;
  bytes: number;
  createdAt: string;
  rejectedAt: string;
  reason: string;
}

/** Some of the event ids asked for are not parked (never were, or already re-driven). */
export class UnknownParkedEventsError extends Error {
  constructor(readonly eventIds: string[]) {
    super(`not parked in outbox_rejected: ${eventIds.join(', ')}`);
  }
}

/**
 * The operator's side of `outbox_rejected`: what is parked there, and re-driving it once the cause
 * is fixed (typically the topic's `max.message.bytes` raised). Re-driving moves rows back into the
 * outbox under their original ids, so the relay publishes them ahead of anything newer; a row Kafka
 * still refuses is simply parked again.
 */
export class RejectedOutbox {
  private readonly outbox: string;
  private readonly rejected: string;

  constructor(
    private readonly dataSource: DataSource,
    schema: string,
  ) {
    const s = quotedSchema(schema);
    this.outbox = `${s}.outbox`;
    this.rejected = `${s}.outbox_rejected`;
  }

  /** The oldest `limit` parked events first, and how many there are in all. */
  async list(limit: number): Promise<{ total: number; events: ParkedEvent[] }> {
    const [rows, [{ total }]] = await Promise.all([
      this.dataSource.query(
        `SELECT event_id, event_type, topic, octet_length(payload) AS bytes, created_at, rejected_at, reason
           FROM ${this.rejected} ORDER BY id LIMIT $1`,
        [limit],
      ),
      this.dataSource.query(`SELECT count(*)::int AS total FROM ${this.rejected}`),
    ]);
    return {
      total,
      events: rows.map((r: any) => ({
        eventId: r.event_id,
        eventType: r.event_type,
        topic: r.topic,
        bytes: Number(r.bytes),
        createdAt: new Date(r.created_at).toISOString(),
        rejectedAt: new Date(r.rejected_at).toISOString(),
        reason: r.reason,
      })),
    };
  }

  /**
   * Moves the given parked events (or all of them) back into the outbox, in one transaction: if any
   * id is not parked, nothing moves. Returns the event ids moved.
   */
  async redrive(eventIds: string[] | 'all'): Promise<string[]> {
    return this.dataSource.transaction(async (m) => {
      const ids = eventIds === 'all' ? null : [...new Set(eventIds.map((id) => id.toLowerCase()))];
      // Locked, so two operators re-driving at once cannot both insert the same row.
      const parked: { event_id: string }[] = await m.query(
        `SELECT event_id FROM ${this.rejected} WHERE $1::uuid[] IS NULL OR event_id = ANY($1::uuid[])
          ORDER BY id FOR UPDATE`,
        [ids],
      );
      if (ids) {
        const found = new Set(parked.map((r) => r.event_id));
        const missing = ids.filter((id) => !found.has(id));
        if (missing.length > 0) throw new UnknownParkedEventsError(missing);
      }
      const moved = parked.map((r) => r.event_id);
      if (moved.length === 0) return moved;
      await m.query(
        `INSERT INTO ${this.outbox} (${OUTBOX_COLUMNS})
         SELECT ${OUTBOX_COLUMNS} FROM ${this.rejected} WHERE event_id = ANY($1::uuid[])`,
        [moved],
      );
      await m.query(`DELETE FROM ${this.rejected} WHERE event_id = ANY($1::uuid[])`, [moved]);
      return moved;
    });
  }
}
