import type { Kafka } from 'kafkajs';
import { Partitioners } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { contractsWireFormat, EventConsumer, EventMetaFactory, Outbox, OutboxRelay } from '@provenant/events';
import { countEffects, createEventsSandbox, recordEffects, type TestEnv } from '@provenant/testing';
import { result, type BenchResult } from '../../bench-result';
import { timed } from '../../bench-env';

const N = 50_000;
const TX_SIZE = 500;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function events(n: number) {
  const metas = new EventMetaFactory({ name: 'tracker', version: 'bench', instance: 'bench' });
  return Array.from({ length: n }, (_, i) => ({
    eventType: 'RunStarted',
    event: {
      meta: metas.create({ subject: { kind: 'run', id: `run-${i}` } }),
      runId: `run-${i}`,
      experimentId: 'exp-1',
      runName: `bench ${i}`,
      startTime: 1_764_000_000_000_000 + i,
      userId: null,
      parentRunId: null,
      tags: [],
      code: null,
      environmentFingerprint: null,
    },
  }));
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 300_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** Raw floor: the idempotent KafkaJS producer sending the same records (value, key, headers) in batches, acks=all. */
async function rawProduce(kafka: Kafka, topic: string, payloads: { key: string; value: Buffer; headers: Record<string, string> }[]) {
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  const { seconds } = await timed(async () => {
    for (let i = 0; i < payloads.length; i += 2_000) await producer.send({ topic, acks: -1, messages: payloads.slice(i, i + 2_000) });
  });
  await producer.disconnect();
  return N / seconds;
}

/** Raw floor: a KafkaJS consumer group reading the same messages, doing nothing with them. */
async function rawConsume(kafka: Kafka, topic: string, group: string) {
  let seen = 0;
  const consumer = kafka.consumer({ groupId: group });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const { seconds } = await timed(async () => {
    await consumer.run({ eachBatch: async ({ batch }) => void (seen += batch.messages.length) });
    await until(async () => seen >= N, 'raw consumer');
  });
  await consumer.disconnect();
  return N / seconds;
}

export async function pipelineBench(env: TestEnv, progress: (line: string) => void): Promise<BenchResult[]> {
  const wire = contractsWireFormat();
  const dataSource: DataSource = await createEventsSandbox(env.databaseUrl, 'bench');
  const [outboxTopic, rawTopic] = await env.createTopics(['provenant.runs.v1', 'raw.runs'], 3);
  const batch = events(N);
  try {
    progress(`raw KafkaJS producer: ${N} events`);
    const payloads = batch.map(({ event }) => ({
      key: event.meta.subject.id,
      value: wire.encode('RunStarted', event),
      headers: wire.headersOf('RunStarted', event),
    }));
    const rawPublish = await rawProduce(env.kafka('raw-producer'), rawTopic, payloads);

    progress(`outbox: ${N} events written in transactions of ${TX_SIZE}, relayed to Kafka`);
    const outbox = new Outbox(wire, { schema: 'bench', topicPrefix: env.topicPrefix });
    const relay = new OutboxRelay({ databaseUrl: env.databaseUrl, schema: 'bench', kafka: env.kafka('relay') });
    relay.start();
    const publish = await timed(async () => {
      for (let i = 0; i < N; i += TX_SIZE) await dataSource.transaction((m) => outbox.publishAll(m, batch.slice(i, i + TX_SIZE)));
      await relay.drain(300_000);
    });
    await relay.stop();

    progress('raw KafkaJS consumer');
    const rawConsumeRate = await rawConsume(env.kafka('raw-consumer'), rawTopic, env.topic('raw-group'));

    progress('idempotent consumer: decode, claim the event ids and insert one effect row per event (batch handler)');
    const consumer = new EventConsumer({
      kafka: env.kafka('consumer'),
      dataSource,
      schema: 'bench',
      wire,
      group: env.topic('provenant.bench'),
      topics: [outboxTopic],
      deadLetterTopic: env.topic('provenant.dlq.bench'),
      handlers: new Map([
        [
          'RunStarted',
          {
            batch: (events) =>
              recordEffects(events[0].ctx.manager, 'bench', events.map(({ event }) => ({ eventId: event.meta.eventId, subject: event.runId }))),
          },
        ],
      ]),
    });
    const consume = await timed(async () => {
      await consumer.start();
      await until(async () => (await countEffects(dataSource, 'bench')) >= N, 'effects');
    });
    await consumer.stop();

    return [
      result('publish via outbox → Kafka', N / publish.seconds, 'events/s', rawPublish, '>= 20000 events/s and >= 0.5 x raw'),
      result('consume with idempotent effect', N / consume.seconds, 'events/s', rawConsumeRate, '>= 20000 events/s and >= 0.5 x raw'),
    ];
  } finally {
    await dataSource.destroy();
  }
}
