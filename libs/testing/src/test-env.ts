import Redis from 'ioredis';
import { Admin, Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { testNamespace, withDatabase } from './test-namespace';
import { ensureTopics } from '@provenant/events';

/** One test file's private slice of the shared stack. */
export interface TestEnv {
  /** a fresh database of its own, owned by the DATABASE_URL role */
  databaseUrl: string;
  databaseName: string;
  kafkaBrokers: string[];
  /** prefix every topic and consumer group with it (or use `topic()`) */
  topicPrefix: string;
  redisUrl: string;
  /** prefix every Redis key with it */
  redisKeyPrefix: string;
  /** `topicPrefix + name` */
  topic(name: string): string;
  /** creates prefixed topics and waits for their leaders; returns the full names */
  createTopics(names: string[], partitions?: number): Promise<string[]>;
  /** a KafkaJS client for these brokers, with quiet logs */
  kafka(clientId?: string): Kafka;
  /** drops the database, deletes the topics, groups and keys with this file's prefix */
  cleanup(): Promise<void>;
}

/** Reads the endpoints the Jest global setup exported (KAFKA_BROKERS, DATABASE_URL, REDIS_URL). */
export async function createTestEnv(env: NodeJS.ProcessEnv = process.env): Promise<TestEnv> {
  const databaseUrl = required(env, 'DATABASE_URL');
  const redisUrl = required(env, 'REDIS_URL');
  const kafkaBrokers = required(env, 'KAFKA_BROKERS')
    .split(',')
    .map((b) => b.trim());
  const names = testNamespace();
  await onDatabase(databaseUrl, (db) =>
    db.query(`CREATE DATABASE ${db.escapeIdentifier(names.databaseName)}`),
  );

  const kafka = (clientId = `${names.topicPrefix}test`) =>
    new Kafka({ clientId, brokers: kafkaBrokers, logLevel: logLevel.WARN, retry: { retries: 5 } });
  const topic = (name: string) => (name.startsWith(names.topicPrefix) ? name : names.topicPrefix + name);

  return {
    ...names,
    databaseUrl: withDatabase(databaseUrl, names.databaseName),
    kafkaBrokers,
    redisUrl,
    topic,
    kafka,
    async createTopics(topicNames, partitions = 1) {
      const topics = topicNames.map(topic);
      // ensureTopics waits for partition leaders in a way that survives KRaft's metadata lag.
      await ensureTopics(
        kafka(),
        topics.map((t) => ({ topic: t, partitions })),
      );
      return topics;
    },
    async cleanup() {
      const results = await Promise.allSettled([
        dropDatabase(databaseUrl, names.databaseName),
        withAdmin(kafka(), (admin) => deleteKafkaNamespace(admin, names.topicPrefix)),
        deleteRedisKeys(redisUrl, names.redisKeyPrefix),
      ]);
      const failures = results.flatMap((r) => (r.status === 'rejected' ? [String(r.reason)] : []));
      if (failures.length > 0) throw new Error(`test env cleanup failed:\n${failures.join('\n')}`);
    },
  };
}

async function deleteKafkaNamespace(admin: Admin, prefix: string): Promise<void> {
  const { groups } = await admin.listGroups();
  const groupIds = groups.map((g) => g.groupId).filter((id) => id.startsWith(prefix));
  // A group whose consumer a test forgot to disconnect cannot be deleted; that must not hide the rest.
  if (groupIds.length > 0) await admin.deleteGroups(groupIds).catch(() => undefined);
  const topics = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
  if (topics.length > 0) await admin.deleteTopics({ topics });
}

async function deleteRedisKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { maxRetriesPerRequest: 2 });
  try {
    // SCAN, not KEYS: it does not block a Redis that other test files are using.
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/**
 * DROP … WITH (FORCE) refuses (42501) while an autovacuum worker, a superuser process, is busy
 * in the database, which happens after a test wrote a million rows: wait for it and try again.
 */
async function dropDatabase(url: string, name: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await onDatabase(url, (db) =>
        db.query(`DROP DATABASE IF EXISTS ${db.escapeIdentifier(name)} WITH (FORCE)`),
      );
      return;
    } catch (err) {
      if ((err as { code?: string }).code !== '42501' || attempt === 20) throw err;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

async function onDatabase<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function withAdmin<T>(kafka: Kafka, work: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.disconnect();
  }
}

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (!value)
    throw new Error(
      `${name} is not set: run integration tests through Jest's integration project (its global setup sets it)`,
    );
  return value;
}
