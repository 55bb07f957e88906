import { randomBytes } from 'node:crypto';

/** The names one test file owns; everything it creates carries them, so cleanup finds it all. */
export interface TestNamespace {
  /** a PostgreSQL database (identifiers are lower-case and must not start with a digit) */
  databaseName: string;
  /** Kafka topics and consumer groups, e.g. `t1a2b3c4d.orders` */
  topicPrefix: string;
  /** Redis keys, e.g. `t1a2b3c4d:online:driver:1` */
  redisKeyPrefix: string;
}

export function testNamespace(suffix = randomBytes(5).toString('hex')): TestNamespace {
  if (!/^[a-z0-9]+$/.test(suffix)) throw new Error(`test namespace suffix must be [a-z0-9]+, got ${suffix}`);
  return { databaseName: `t_${suffix}`, topicPrefix: `t${suffix}.`, redisKeyPrefix: `t${suffix}:` };
}

/** Replaces the database in a PostgreSQL URL, keeping credentials and options. */
export function withDatabase(databaseUrl: string, database: string): string {
  const url = new URL(databaseUrl);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}
