import type { EntityManager } from 'typeorm';
import { quotedSchema } from '../outbox/events-tables.migration';

/**
 * Records event ids for a consumer group inside the caller's transaction and returns the ones not
 * seen before. The effect and the record commit together, so an event's effect happens once no
 * matter how often Kafka redelivers it.
 */
export async function claimEventIds(
  manager: EntityManager,
  schema: string,
  group: string,
  eventIds: string[],
): Promise<Set<string>> {
  if (eventIds.length === 0) return new Set();
  const rows: { event_id: string }[] = await manager.query(
    `INSERT INTO ${quotedSchema(schema)}.processed_events (consumer_group, event_id)
     SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING RETURNING event_id`,
    [group, eventIds],
  );
  return new Set(rows.map((r) => r.event_id));
}
