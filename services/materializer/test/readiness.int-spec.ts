import { spawn, type ChildProcess } from 'node:child_process';
import type { INestApplication } from '@nestjs/common';
import { createServiceApp, parseConfig, serviceIdentity } from '@provenant/platform';
import { freePort, useTestEnv, waitFor } from '@provenant/testing';
import { AppModule } from '../src/app.module';
import { materializerConfigSchema } from '../src/config';

/** A private Redis, so stopping it cannot disturb other test files using the shared one. */
function startRedis(port: number): ChildProcess {
  return spawn(
    'redis-server',
    ['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  );
}

describe('materializer /health/ready', () => {
  // Declared before useTestEnv(): afterAll hooks run in declaration order, and these must stop
  // before the test environment's database and topics are dropped.
  afterAll(async () => {
    await app?.close();
    redis?.kill('SIGKILL');
  });
  const env = useTestEnv();
  let app: INestApplication;
  let url: string;
  let redis: ChildProcess;
  let redisPort: number;

  const ready = async () => {
    const res = await fetch(`${url}/health/ready`);
    return { status: res.status, body: (await res.json()) as any };
  };

  beforeAll(async () => {
    redisPort = await freePort();
    redis = startRedis(redisPort);
    const config = parseConfig(materializerConfigSchema, {
      DATABASE_URL: env().databaseUrl,
      KAFKA_BROKERS: env().kafkaBrokers.join(','),
      REDIS_URL: `redis://127.0.0.1:${redisPort}`,
      LOG_LEVEL: 'silent',
    });
    app = await createServiceApp({
      identity: serviceIdentity('materializer'),
      module: AppModule.forRoot(config),
      description: 'test',
    });
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
    await waitFor(async () => (await ready()).status === 200, { timeoutMs: 15_000 });
  });

  it('is ready when PostgreSQL, Kafka and Redis answer, and says so per dependency', async () => {
    const { status, body } = await ready();
    expect(status).toBe(200);
    expect(Object.keys(body.info).sort()).toEqual(['freshness', 'kafka', 'postgres', 'redis']);
  });

  it('answers 503 naming Redis while Redis is down, and recovers without a restart', async () => {
    redis.kill('SIGTERM');
    await waitFor(async () => (await ready()).status === 503, { timeoutMs: 10_000 });
    const down = await ready();
    expect(down.body.error.redis.message).toMatch(/^redis unavailable: /);
    expect(down.body.info.postgres.status).toBe('up');

    redis = startRedis(redisPort);
    await waitFor(async () => (await ready()).status === 200, { timeoutMs: 15_000 });
    expect((await ready()).body.info.redis.status).toBe('up');
  });

  it('keeps /health/live at 200 whatever the dependencies do', async () => {
    expect((await fetch(`${url}/health/live`)).status).toBe(200);
  });

  it('serves Prometheus metrics and the OpenAPI document without a token', async () => {
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toContain('process_cpu_user_seconds_total{service="materializer"}');
    const openapi = (await (await fetch(`${url}/docs/openapi.json`)).json()) as any;
    expect(openapi.info.title).toBe('Provenant materializer');
  });
});
