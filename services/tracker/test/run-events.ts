import { Client } from 'pg';
import { contractsWireFormat } from '@provenant/events';
import { waitFor, type TestEnv } from '@provenant/testing';

export interface PublishedEvent {
  eventType: string;
  value: any;
  key: string | null;
}

/**
 * Every event the tracker published on `provenant.runs.v1`, read back from Kafka and decoded:
 * waits for the outbox relay to drain, then reads the topic up to its high watermark.
 */
export async function publishedRunEvents(env: TestEnv, schema = 'tracker'): Promise<PublishedEvent[]> {
  const db = new Client({ connectionString: env.databaseUrl });
  await db.connect();
  try {
    await waitFor(
      async () => (await db.query(`SELECT count(*)::int AS n FROM "${schema}".outbox`)).rows[0].n === 0,
      {
        timeoutMs: 30_000,
        description: 'the outbox relay to publish everything',
      },
    );
  } finally {
    await db.end();
  }
  const topic = env.topic('provenant.runs.v1');
  const admin = env.kafka().admin();
  await admin.connect();
  const offsets = await admin.fetchTopicOffsets(topic).finally(() => admin.disconnect());
  const total = offsets.reduce((n, o) => n + Number(o.high) - Number(o.low), 0);

  const wire = contractsWireFormat();
  const events: PublishedEvent[] = [];
  const consumer = env.kafka().consumer({ groupId: env.topic(`reader.${Date.now()}`) });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      events.push({ ...wire.decode(message.value!), key: message.key?.toString() ?? null });
    },
  });
  try {
    await waitFor(() => events.length >= total, {
      timeoutMs: 30_000,
      description: `${total} events on ${topic}`,
    });
  } finally {
    await consumer.disconnect();
  }
  return events;
}

export function countByType(events: PublishedEvent[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const e of events) counts[e.eventType] = (counts[e.eventType] ?? 0) + 1;
  return counts;
}
