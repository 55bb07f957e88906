import { ensureStack, StackEndpoints } from '@provenant/stack';
import { containerEngineAvailable, startContainerStack } from './container-stack';

/**
 * Jest global setup of the integration project: makes Kafka, PostgreSQL and Redis answer and
 * hands their addresses to every test file through the environment. Reuses what runs already
 * (the local stack, or services named by KAFKA_BROKERS / DATABASE_URL / REDIS_URL), starts the
 * missing ones natively, and falls back to testcontainers only when that is impossible.
 * Nothing is stopped afterwards: the local stack stays up for the next run (`npm run stack -- down`).
 */
export default async function globalSetup(): Promise<void> {
  const endpoints = await provideStack();
  process.env.KAFKA_BROKERS = endpoints.kafkaBrokers.join(',');
  process.env.DATABASE_URL = endpoints.databaseUrl;
  process.env.REDIS_URL = endpoints.redisUrl;
}

async function provideStack(): Promise<StackEndpoints> {
  const started = Date.now();
  try {
    const endpoints = await ensureStack({ log: (line) => console.log(`  [stack] ${line}`) });
    console.log(`  [stack] ready for tests in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return endpoints;
  } catch (nativeError) {
    if (!(await containerEngineAvailable())) throw nativeError;
    const reason = nativeError instanceof Error ? nativeError.message : String(nativeError);
    console.warn(`  [stack] native stack unavailable (${reason.split('\n')[0]}); starting testcontainers…`);
    return startContainerStack();
  }
}
