import type { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import { nowMicros } from '@provenant/contracts';
import { connectEventConsumer, createServiceApp, parseConfig, serviceIdentity } from '@provenant/platform';
import { useTestEnv, waitFor, type TestEnv } from '@provenant/testing';
import { AppModule, SERVICE_NAME } from '../src/app.module';
import { materializerConfigSchema } from '../src/config';
import { entity, publish, view } from './fixtures/definition-events';
import { cli, http, readOnlyUrl, spawnFeatureIngest } from './fixtures/services';

const S = 1_000_000;
const EVERY_SECOND = '* * * * * *';

/** An instance as an operator runs several: own INSTANCE_ID; `consume` false = HTTP + scheduler only. */
async function startInstance(env: TestEnv, offlineStoreUrl: string, instance: string, consume: boolean) {
  const config = parseConfig(materializerConfigSchema, {
    DATABASE_URL: env.databaseUrl,
    KAFKA_BROKERS: env.kafkaBrokers.join(','),
    KAFKA_TOPIC_PREFIX: env.topicPrefix,
    REDIS_URL: env.redisUrl,
    ONLINE_KEY_PREFIX: env.redisKeyPrefix,
    OFFLINE_STORE_URL: offlineStoreUrl,
    INSTANCE_ID: instance,
    MATERIALIZATION_SCHEDULER_TICK_MS: '200',
    LOG_LEVEL: 'silent',
  });
  const app = await createServiceApp({
    identity: serviceIdentity(SERVICE_NAME, instance),
    module: AppModule.forRoot(config),
    description: 'test',
  });
  if (consume) {
    connectEventConsumer(app, SERVICE_NAME, config, ['provenant.features.v1']);
    await app.startAllMicroservices();
  }
  await app.listen(0, '127.0.0.1');
  return { app, url: (await app.getUrl()).replace('[::1]', '127.0.0.1') };
}

/** Every tick of the schedule covered exactly once: consecutive runs are `ticksCovered` seconds apart. */
function expectEveryTickCoveredOnce(runs: any[]) {
  const ticks = runs.map((r) => r.scheduledFor);
  expect(new Set(ticks).size).toBe(ticks.length);
  for (let i = 1; i < runs.length; i++)
    expect(runs[i].scheduledFor - runs[i - 1].scheduledFor).toBe(1_000 * runs[i].ticksCovered);
}

describe('materializer: scheduled incremental materialization and freshness', () => {
  const instances: INestApplication[] = [];
  let ingest: { url: string; stop: () => void };
  let reader: { url: string; drop: () => Promise<void> };
  // Declared before useTestEnv(): these must stop before the environment is dropped.
  afterAll(async () => {
    for (const app of instances) await app.close().catch(() => undefined);
    ingest?.stop();
    await reader?.drop();
  });
  const env = useTestEnv();
  let a: string;
  let b: string;
  let c: string;

  const push = async (featureView: string, rows: Record<string, unknown>[]) =>
    expect(
      (await http('POST', `${ingest.url}/features/push`, { featureView, rows }, 'dev-pipeline-token')).status,
    ).toBe(200);
  const scheduledRuns = async (url: string) =>
    ((await http('GET', `${url}/materializations?view=ticks&limit=1000`)).body.runs as any[])
      .filter((r) => r.mode === 'SCHEDULED')
      .sort((x, y) => x.scheduledFor - y.scheduledFor);
  const freshness = async (url: string) => {
    const res = await fetch(`${url}/health/ready`);
    return { status: res.status, details: ((await res.json()) as any).info?.freshness };
  };

  beforeAll(async () => {
    ingest = await spawnFeatureIngest(env());
    reader = await readOnlyUrl(env());
    const first = await startInstance(env(), reader.url, 'a', true);
    const second = await startInstance(env(), reader.url, 'b', false);
    instances.push(first.app, second.app);
    [a, b] = [first.url, second.url];
    const ticks = view('ticks', ['thing'], [['score', 'INT64']], 0);
    const fresh = view('fresh', ['thing'], [['score', 'INT64']], 0);
    await publish(env(), [
      entity('thing', [['id', 'INT64']]),
      { ...ticks, event: { ...ticks.event, materializationSchedule: EVERY_SECOND } },
      { ...fresh, event: { ...fresh.event, freshnessThresholdMicros: 60 * S } },
    ]);
    for (const name of ['ticks', 'fresh']) {
      await waitFor(async () => (await http('GET', `${ingest.url}/features/views/${name}`)).status === 200, {
        timeoutMs: 30_000,
      });
      await waitFor(async () => (await http('GET', `${a}/catalog/feature-views/${name}`)).status === 200, {
        timeoutMs: 30_000,
      });
    }
  }, 300_000); // starts feature-ingest: a cold start is slow on a loaded machine

  it('shows a view past its freshness threshold as degraded in /health/ready, still 200, on every instance', async () => {
    const empty = await freshness(a);
    expect(empty.status).toBe(200);
    expect(empty.details).toMatchObject({ status: 'up', state: 'degraded', degraded: ['fresh'] });
    expect(empty.details.views.fresh).toEqual({ ageSeconds: null, thresholdSeconds: 60, fresh: false });

    await push('fresh', [{ id: 1, event_ts: nowMicros() - 120 * S, score: 1 }]);
    await waitFor(async () => (await freshness(a)).details.views.fresh.ageSeconds !== null, {
      timeoutMs: 10_000,
    });
    const stale = await freshness(b); // b consumes nothing: the freshness is shared through PostgreSQL
    expect(stale.status).toBe(200);
    expect(stale.details.state).toBe('degraded');
    expect(stale.details.views.fresh.ageSeconds).toBeGreaterThanOrEqual(120);

    await push('fresh', [{ id: 1, event_ts: nowMicros(), score: 2 }]);
    await waitFor(async () => (await freshness(b)).details.state === 'ok', { timeoutMs: 10_000 });
    expect((await freshness(b)).details).toMatchObject({ degraded: [], views: { fresh: { fresh: true } } });
  });

  it('runs a per-second schedule on one instance at a time: every tick once, no overlap, each row read once', async () => {
    await push(
      'ticks',
      [1, 2, 3].map((id) => ({ id, event_ts: nowMicros() - 10 * S, score: id })),
    );
    // Rows are read once committed 5 s ago (the commit horizon): wait for a run that read them.
    await waitFor(async () => (await scheduledRuns(a)).reduce((n, r) => n + r.rowsRead, 0) === 3, {
      timeoutMs: 20_000,
      description: 'the pushed rows read by a scheduled run',
    });
    // The newest run may still be going (a tick is every second): judge the completed ones.
    const completed = async () => (await scheduledRuns(a)).filter((r) => r.completedAt !== null);
    await waitFor(async () => (await completed()).length >= 8, { timeoutMs: 20_000 });
    const runs = await completed();
    expect(runs.map((r) => r.status)).toEqual(runs.map(() => 'SUCCEEDED'));
    expect(runs.every((r) => ['a', 'b'].includes(r.instance))).toBe(true);
    expectEveryTickCoveredOnce(runs);
    for (let i = 1; i < runs.length; i++)
      expect(runs[i].startedAt).toBeGreaterThanOrEqual(runs[i - 1].completedAt);
    expect(runs.reduce((n, r) => n + r.rowsRead, 0)).toBe(3); // nothing read twice
  });

  it('after downtime, catches up with one run covering every missed tick', async () => {
    for (const app of instances.splice(0)) await app.close();
    const before = await lastTickRun(env());
    await push('ticks', [
      { id: 4, event_ts: nowMicros(), score: 40 },
      { id: 5, event_ts: nowMicros(), score: 50 },
    ]);
    await new Promise((r) => setTimeout(r, 7_000)); // the gap, longer than the commit horizon
    const restarted = await startInstance(env(), reader.url, 'c', false);
    instances.push(restarted.app);
    c = restarted.url;
    const caughtUp = async () =>
      (await scheduledRuns(c)).some((r) => r.instance === 'c' && r.status === 'SUCCEEDED');
    await waitFor(caughtUp, { timeoutMs: 30_000, description: 'a catch-up run by the restarted instance' });
    const runs = await scheduledRuns(c);
    const catchUp = runs.find((r) => r.instance === 'c')!;
    expect(catchUp).toMatchObject({ status: 'SUCCEEDED', rowsRead: 2 });
    expect(catchUp.ticksCovered).toBeGreaterThanOrEqual(7);
    // One run for the whole gap, not one per missed tick.
    expect(runs.filter((r) => r.scheduledFor > before)[0]).toEqual(catchUp);
    expectEveryTickCoveredOnce(runs);
    const online = await http('POST', `${c}/get-online-features`, {
      features: ['ticks:score'],
      entities: { id: [4, 5] },
    });
    expect(online.body.results[1].values).toEqual([40, 50]); // c streams nothing: the catch-up run wrote them
  });

  it('shows every view schedule, last run, rows, watermark and next run in `materialize status`', async () => {
    const json = await cli(['materialize', 'status', '--view', 'ticks', '--json'], {
      PROVENANT_MATERIALIZER_URL: c,
    });
    expect(json.code).toBe(0);
    const [status] = JSON.parse(json.stdout).views;
    expect(status).toMatchObject({
      featureView: 'ticks',
      schedule: EVERY_SECOND,
      scheduleError: null,
      lastRun: { mode: 'SCHEDULED', status: 'SUCCEEDED' },
    });
    expect(status.nextRunAt).toBeGreaterThan(status.lastRun.scheduledFor * 1000);
    expect(status.watermark).toBeGreaterThan(0);

    const table = await cli(['materialize', 'status'], { PROVENANT_MATERIALIZER_URL: c });
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/ticks@v1 .*\* \* \* \* \* \*.*SUCCEEDED/);
    expect(table.stdout).toContain('fresh@v1');
    const unknown = await http('GET', `${c}/materializations/status?view=nope`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toBe('view: unknown feature view nope');
  }, 300_000); // two CLI processes: slow to start on a loaded machine
});

/** The last tick run before the downtime, read from the materializer's table (no instance is up). */
async function lastTickRun(env: TestEnv): Promise<number> {
  const client = new Client({ connectionString: env.databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT max(scheduled_for)::text AS t FROM materializer.materialization_runs WHERE feature_view = 'ticks'`,
    );
    return Number(rows[0].t);
  } finally {
    await client.end();
  }
}
