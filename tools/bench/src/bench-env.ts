import { ensureStack } from '@provenant/stack';
import { createTestEnv, type TestEnv } from '@provenant/testing';

/** A private namespace on the local stack (started if needed), removed after the suite. */
export async function withBenchEnv<T>(progress: (line: string) => void, body: (env: TestEnv) => Promise<T>): Promise<T> {
  const endpoints = await ensureStack({ log: progress });
  const env = await createTestEnv({
    ...process.env,
    KAFKA_BROKERS: endpoints.kafkaBrokers.join(','),
    DATABASE_URL: endpoints.databaseUrl,
    REDIS_URL: endpoints.redisUrl,
  });
  try {
    return await body(env);
  } finally {
    await env.cleanup().catch((err: Error) => progress(`cleanup: ${err.message}`));
  }
}

export async function timed<T>(fn: () => Promise<T>): Promise<{ seconds: number; value: T }> {
  const start = process.hrtime.bigint();
  const value = await fn();
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, value };
}
