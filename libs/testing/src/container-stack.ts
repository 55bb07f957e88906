import type { StackEndpoints } from '@provenant/stack';
import type { StartedTestContainer } from 'testcontainers';

// Globals survive from Jest's globalSetup to its globalTeardown (same process); nothing else shares them.
const STARTED = Symbol.for('provenant.testing.containers');
type ContainerGlobal = typeof globalThis & { [STARTED]?: StartedTestContainer[] };

/** True when testcontainers finds a Docker (or compatible) engine. */
export async function containerEngineAvailable(): Promise<boolean> {
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await getContainerRuntimeClient();
    return true;
  } catch {
    return false;
  }
}

/**
 * Last resort when no stack is reachable and none can be started natively: throwaway containers.
 * The PostgreSQL user is the image's superuser, so per-file databases and roles work as natively.
 */
export async function startContainerStack(): Promise<StackEndpoints> {
  const [{ PostgreSqlContainer }, { RedisContainer }, { KafkaContainer }] = await Promise.all([
    import('@testcontainers/postgresql'),
    import('@testcontainers/redis'),
    import('@testcontainers/kafka'),
  ]);
  const [postgres, redis, kafka] = await Promise.all([
    new PostgreSqlContainer('postgres:16-alpine')
      .withUsername('provenant')
      .withPassword('provenant')
      .withDatabase('provenant')
      .start(),
    new RedisContainer('redis:7-alpine').start(),
    new KafkaContainer('confluentinc/cp-kafka:7.9.0').withKraft().start(),
  ]);
  (globalThis as ContainerGlobal)[STARTED] = [postgres, redis, kafka];
  return {
    databaseUrl: postgres.getConnectionUri(),
    redisUrl: redis.getConnectionUrl(),
    // KafkaContainer's PLAINTEXT listener for the host is its port 9093
    kafkaBrokers: [`${kafka.getHost()}:${kafka.getMappedPort(9093)}`],
  };
}

export async function stopContainerStack(): Promise<void> {
  const started = (globalThis as ContainerGlobal)[STARTED] ?? [];
  await Promise.all(started.map((container) => container.stop()));
  delete (globalThis as ContainerGlobal)[STARTED];
}
