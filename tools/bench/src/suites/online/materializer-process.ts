import { provRef, subject } from '@provenant/contracts';
import { contractsWireFormat, EventMetaFactory } from '@provenant/events';
import type { TestEnv } from '@provenant/testing';
import { startService, untilAnswers, type ServiceProcess } from '../../service-process';

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
export async function startFeatureIngest(env: TestEnv, view = 'bench'): Promise<ServiceProcess> {
  const svc = await startService('feature-ingest', env);
  await untilAnswers(
    'feature-ingest knows the view',
    svc.child,
    async () => (await fetch(`${svc.url}/features/views/${view}`, { headers: AUTH })).status === 200,
  );
  return svc;
}

/** The materializer as users run it (its own process), knowing a 50-feature view. */
export async function startMaterializer(
  env: TestEnv,
  features: number,
  opts: { view?: string; env?: Record<string, string> } = {},
): Promise<ServiceProcess> {
  const view = opts.view ?? 'bench';
  // ONLINE_BENCH_CPU_PROF=DIR writes a V8 CPU profile of the service (on its graceful exit).
  const svc = await startService('materializer', env, {
    cpuProfDir: process.env.ONLINE_BENCH_CPU_PROF,
    env: {
      ONLINE_KEY_PREFIX: env.redisKeyPrefix,
      SERVING_LOG_SAMPLE_RATE: process.env.ONLINE_BENCH_SAMPLE_RATE ?? '1',
      ...opts.env,
    },
  });
  await publishDefinitions(env, features, view);
  await untilAnswers(
    'the materializer knows the view',
    svc.child,
    async () => (await fetch(`${svc.url}/catalog/feature-views/${view}`, { headers: AUTH })).status === 200,
  );
  return svc;
}

const AUTH = { authorization: 'Bearer dev-pipeline-token' };
