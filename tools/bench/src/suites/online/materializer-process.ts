import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { provRef, subject } from '@provenant/contracts';
import { contractsWireFormat, EventMetaFactory } from '@provenant/events';
import type { TestEnv } from '@provenant/testing';
import { freePort } from '@provenant/stack';

const root = path.resolve(__dirname, '../../../../..');

async function until(what: string, ok: () => Promise<boolean>, child: ChildProcess) {
  const deadline = Date.now() + 120_000;
  while (!(await ok().catch(() => false))) {
    if (Date.now() > deadline || child.exitCode !== null)
      throw new Error(`materializer: ${what} not reached`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Definitions as the registry publishes them: one entity, one view of `features` FLOAT64 features. */
async function publishDefinitions(env: TestEnv, features: number, view: string) {
  const wire = contractsWireFormat();
  const metas = new EventMetaFactory({ name: 'registry', version: 'bench', instance: 'bench' });
  const described = {
    description: null,
    owner: null,
    tags: {},
    definitionDigest: `sha256:${'0'.repeat(64)}`,
  };
  const events = [
    {
      eventType: 'EntityApplied',
      event: {
        meta: metas.create({
          subject: subject('entity', 'driver'),
          generated: [provRef.entity('driver', 1)],
        }),
        name: 'driver',
        version: 1,
        change: 'CREATED',
        joinKeys: [{ name: 'driver_id', valueType: 'INT64' }],
        ...described,
      },
    },
    {
      eventType: 'FeatureViewApplied',
      event: {
        meta: metas.create({
          subject: subject('feature_view', view),
          generated: [provRef.featureView(view, 1)],
        }),
        name: view,
        version: 1,
        change: 'CREATED',
        previousVersion: null,
        entities: ['driver'],
        features: Array.from({ length: features }, (_, i) => ({
          name: `f${i}`,
          valueType: 'FLOAT64',
          description: null,
          tags: {},
        })),
        ttlMicros: 0,
        source: { kind: 'push', uri: null, timestampField: 'event_ts', createdTimestampField: null },
        online: true,
        freshnessThresholdMicros: null,
        materializationSchedule: null,
        ...described,
      },
    },
  ];
  const producer = env.kafka().producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  for (const { eventType, event } of events)
    await producer.send({
      topic: env.topic(wire.topicOf(eventType)),
      messages: [
        {
          key: event.meta.subject.id,
          value: wire.encode(eventType, event as never),
          headers: wire.headersOf(eventType, event as never),
        },
      ],
    });
  await producer.disconnect();
}

/** feature-ingest as its own process (writes the offline store; the materializer streams from it). */
export async function startFeatureIngest(
  env: TestEnv,
  view = 'bench',
): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'services/feature-ingest/src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      SWC_NODE_PROJECT: path.join(root, 'tsconfig.json'),
      DATABASE_URL: env.databaseUrl,
      KAFKA_BROKERS: env.kafkaBrokers.join(','),
      KAFKA_TOPIC_PREFIX: env.topicPrefix,
      PORT: String(port),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  await until('feature-ingest ready', async () => (await fetch(`${url}/health/ready`)).status === 200, child);
  const auth = { authorization: 'Bearer dev-pipeline-token' };
  await until(
    'feature-ingest knows the view',
    async () => (await fetch(`${url}/features/views/${view}`, { headers: auth })).status === 200,
    child,
  );
  return { url, child };
}

/** The materializer as users run it (its own process), knowing a 50-feature view. */
export async function startMaterializer(
  env: TestEnv,
  features: number,
  opts: { view?: string; env?: Record<string, string> } = {},
): Promise<{ url: string; child: ChildProcess }> {
  const view = opts.view ?? 'bench';
  const port = await freePort();
  // ONLINE_BENCH_CPU_PROF=DIR writes a V8 CPU profile of the service (on its graceful exit).
  const prof = process.env.ONLINE_BENCH_CPU_PROF
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.ONLINE_BENCH_CPU_PROF}`]
    : [];
  const child = spawn(
    process.execPath,
    [...prof, '-r', '@swc-node/register', 'services/materializer/src/main.ts'],
    {
      cwd: root,
      env: {
        ...process.env,
        SWC_NODE_PROJECT: path.join(root, 'tsconfig.json'),
        DATABASE_URL: env.databaseUrl,
        KAFKA_BROKERS: env.kafkaBrokers.join(','),
        KAFKA_TOPIC_PREFIX: env.topicPrefix,
        REDIS_URL: env.redisUrl,
        ONLINE_KEY_PREFIX: env.redisKeyPrefix,
        SERVING_LOG_SAMPLE_RATE: process.env.ONLINE_BENCH_SAMPLE_RATE ?? '1',
        PORT: String(port),
        LOG_LEVEL: 'warn',
        ...opts.env,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const url = `http://127.0.0.1:${port}`;
  await until('ready', async () => (await fetch(`${url}/health/ready`)).status === 200, child);
  await publishDefinitions(env, features, view);
  const auth = { authorization: 'Bearer dev-pipeline-token' };
  await until(
    'catalog',
    async () => (await fetch(`${url}/catalog/feature-views/${view}`, { headers: auth })).status === 200,
    child,
  );
  return { url, child };
}
