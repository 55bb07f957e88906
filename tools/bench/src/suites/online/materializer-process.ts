import { benchDefinitions, publish } from '../../bench-definitions';
import type { TestEnv } from '@provenant/testing';
import { startService, untilAnswers, type ServiceProcess } from '../../service-process';

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
  const names = Array.from({ length: features }, (_, i) => `f${i}`);
  await publish(env, benchDefinitions(view, 0, { features: names, sourceKind: 'push' }));
  await untilAnswers(
    'the materializer knows the view',
    svc.child,
    async () => (await fetch(`${svc.url}/catalog/feature-views/${view}`, { headers: AUTH })).status === 200,
  );
  return svc;
}

const AUTH = { authorization: 'Bearer dev-pipeline-token' };
