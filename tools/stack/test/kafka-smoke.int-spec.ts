import { createTestEnv, TestEnv, waitFor } from '@provenant/testing';
import { Admin, Kafka } from 'kafkajs';

// Proves that KafkaJS 2.2.4 works end to end against the stack's broker (Kafka 4.1.x, KIP-896
// removed old protocol versions): admin, idempotent producer, consumer groups, transactions.
jest.setTimeout(90_000);

describe('Kafka smoke test (KafkaJS against the local broker)', () => {
  let env: TestEnv;
  let kafka: Kafka;
  let admin: Admin;

  beforeAll(async () => {
    env = await createTestEnv();
    kafka = env.kafka('kafka-smoke');
    admin = kafka.admin();
    await admin.connect();
  });

  afterAll(async () => {
    await admin?.disconnect();
    await env?.cleanup();
  });

  it('creates a topic with the requested partitions through the admin client', async () => {
    const [topic] = await env.createTopics(['orders'], 3);

    expect(await admin.listTopics()).toContain(topic);
    const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
    expect(topics[0].partitions.map((p) => p.partitionId).sort()).toEqual([0, 1, 2]);
  });

  it('delivers an idempotent producer’s messages once to a consumer group that commits them', async () => {
    const [topic] = await env.createTopics(['events'], 2);
    const values = Array.from({ length: 20 }, (_, i) => `event-${i}`);
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    await producer.send({
      topic,
      acks: -1,
      messages: values.map((value, i) => ({ key: `key-${i % 4}`, value })),
    });
    await producer.disconnect();

    const groupId = env.topic('events-group');
    const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 500 });
    const seen: string[] = [];
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ partition, message }) => {
        seen.push(String(message.value));
        await consumer.commitOffsets([
          { topic, partition, offset: (BigInt(message.offset) + 1n).toString() },
        ]);
      },
    });
    await waitFor(() => seen.length >= values.length, {
      timeoutMs: 30_000,
      description: 'all 20 messages consumed',
    });
    await consumer.disconnect();

    expect([...seen].sort()).toEqual([...values].sort());
    const ends = await admin.fetchTopicOffsets(topic);
    expect(ends.reduce((sum, p) => sum + Number(p.high), 0)).toBe(values.length);
    const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
    const byPartition = (offsets: { partition: number; offset: string }[]) =>
      Object.fromEntries(offsets.map((p) => [p.partition, p.offset]));
    expect(byPartition(committed.partitions)).toEqual(
      byPartition(ends.map((p) => ({ partition: p.partition, offset: p.high }))),
    );
  });

  it('shows a read_committed consumer the committed transactions and not the aborted one', async () => {
    const [topic] = await env.createTopics(['ledger'], 1);
    const producer = kafka.producer({
      transactionalId: env.topic('ledger-tx'),
      idempotent: true,
      maxInFlightRequests: 1,
    });
    await producer.connect();
    for (const [values, outcome] of [
      [['committed-1', 'committed-2'], 'commit'],
      [['aborted-1'], 'abort'],
      [['committed-3'], 'commit'],
    ] as const) {
      const transaction = await producer.transaction();
      await transaction.send({ topic, messages: values.map((value) => ({ value })) });
      await (outcome === 'commit' ? transaction.commit() : transaction.abort());
    }
    await producer.disconnect();

    expect(await consumeUntil(topic, 'committed-3', { readUncommitted: false })).toEqual([
      'committed-1',
      'committed-2',
      'committed-3',
    ]);
    // The aborted record is really in the log: only the isolation level hides it.
    expect(await consumeUntil(topic, 'committed-3', { readUncommitted: true })).toEqual([
      'committed-1',
      'committed-2',
      'aborted-1',
      'committed-3',
    ]);
  });

  /** Reads a one-partition topic from the start in a fresh group until `last` arrives. */
  async function consumeUntil(
    topic: string,
    last: string,
    options: { readUncommitted: boolean },
  ): Promise<string[]> {
    // A short fetch wait: disconnect() waits for the pending long poll (default 5 s).
    const consumer = kafka.consumer({
      groupId: env.topic(`reader-${options.readUncommitted}`),
      maxWaitTimeInMs: 500,
      ...options,
    });
    const seen: string[] = [];
    await consumer.connect();
    try {
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      await consumer.run({ eachMessage: async ({ message }) => void seen.push(String(message.value)) });
      await waitFor(() => seen.includes(last), { timeoutMs: 30_000, description: `${last} consumed` });
      return seen;
    } finally {
      await consumer.disconnect();
    }
  }
});
