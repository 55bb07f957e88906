import { Partitioners, type Kafka } from 'kafkajs';
import {
  EventCodec,
  EventMetaFactory,
  encodeEventMessage,
  type EncodedEventMessage,
} from '@provenant/events';

const codec = EventCodec.fromContracts();
const metas = new EventMetaFactory({ name: 'tracker', version: 'bench', instance: 'bench' });

/** RunTagsSet events over `subjects` runs (so all partitions are busy). */
export function tagEvents(n: number, subjects = 64): (EncodedEventMessage & { eventId: string })[] {
  return Array.from({ length: n }, (_, i) => {
    const runId = `run-${i % subjects}`;
    const meta = metas.create({ subject: { kind: 'run', id: runId } });
    const msg = encodeEventMessage(codec, 'RunTagsSet', {
      meta,
      runId,
      tags: [{ key: 'i', value: String(i) }],
      deletedKeys: [],
    });
    return { ...msg, eventId: meta.eventId };
  });
}

export async function produceAll(kafka: Kafka, topic: string, events: EncodedEventMessage[]): Promise<void> {
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  for (let i = 0; i < events.length; i += 2_000)
    await producer.send({ topic, acks: -1, messages: events.slice(i, i + 2_000) });
  await producer.disconnect();
}
