import Redis from 'ioredis';
import { Client } from 'pg';
import { createTestEnv, TestEnv, waitFor } from '../src';

jest.setTimeout(60_000);

describe(createTestEnv.name, () => {
  let env: TestEnv;
  let other: TestEnv;
  let redis: Redis;

  beforeAll(async () => {
    [env, other] = await Promise.all([createTestEnv(), createTestEnv()]);
    redis = new Redis(env.redisUrl);
  });

  afterAll(async () => {
    redis?.disconnect();
    await other?.cleanup();
  });

  it('gives each test file its own database, topic prefix and key prefix', async () => {
    expect(env.databaseName).not.toBe(other.databaseName);
    expect(env.topicPrefix).not.toBe(other.topicPrefix);
    expect(env.redisKeyPrefix).not.toBe(other.redisKeyPrefix);
    const rows = await query(env.databaseUrl, 'select current_database() as db');
    expect(rows[0].db).toBe(env.databaseName);
  });

  it('removes the database, topics, consumer groups and keys it owns on cleanup, and nothing else', async () => {
    await query(env.databaseUrl, 'create table features (id int)');
    const topics = await env.createTopics(['a', 'b'], 2);
    const [otherTopic] = await other.createTopics(['a']);
    expect(topics).toEqual([`${env.topicPrefix}a`, `${env.topicPrefix}b`]);
    await joinGroup(env, topics[0]);
    await redis.set(`${env.redisKeyPrefix}k1`, '1');
    await redis.set(`${other.redisKeyPrefix}k1`, '1');

    await env.cleanup();

    const databases = await query(process.env.DATABASE_URL!, 'select datname from pg_database');
    expect(databases.map((d) => d.datname)).not.toContain(env.databaseName);
    expect(databases.map((d) => d.datname)).toContain(other.databaseName);
    const admin = env.kafka().admin();
    await admin.connect();
    const remaining = await admin.listTopics();
    const { groups } = await admin.listGroups();
    await admin.disconnect();
    expect(remaining.filter((t) => t.startsWith(env.topicPrefix))).toEqual([]);
    expect(remaining).toContain(otherTopic);
    expect(groups.filter((g) => g.groupId.startsWith(env.topicPrefix))).toEqual([]);
    expect(await redis.exists(`${env.redisKeyPrefix}k1`)).toBe(0);
    expect(await redis.exists(`${other.redisKeyPrefix}k1`)).toBe(1);
  });
});

async function query(url: string, sql: string): Promise<Record<string, string>[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

/** Leaves a committed consumer group behind, as a test would. */
async function joinGroup(env: TestEnv, topic: string): Promise<void> {
  const consumer = env.kafka().consumer({ groupId: env.topic('group'), maxWaitTimeInMs: 200 });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  let joined = false;
  consumer.on(consumer.events.GROUP_JOIN, () => (joined = true));
  await consumer.run({ eachMessage: async () => undefined });
  await waitFor(() => joined, { timeoutMs: 20_000, description: 'the consumer joining its group' });
  await consumer.disconnect();
}
