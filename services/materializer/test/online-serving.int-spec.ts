import { spawn, type ChildProcess } from 'node:child_process';
import type { INestApplication } from '@nestjs/common';
import { formatRfc3339Micros, nowMicros } from '@provenant/contracts';
import { connectEventConsumer, createServiceApp, parseConfig, serviceIdentity } from '@provenant/platform';
import { freePort, type TestEnv, useTestEnv, waitFor } from '@provenant/testing';
import { AppModule, SERVICE_NAME } from '../src/app.module';
import { materializerConfigSchema } from '../src/config';
import { collectEvents, entity, publish, service, view } from './fixtures/definition-events';
import { http, readOnlyUrl, spawnFeatureIngest } from './fixtures/services';

const S = 1_000_000;
/** A private Redis: this file stops it, which must not disturb other test files. */
const startRedis = (port: number): ChildProcess =>
  spawn('redis-server', ['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });

async function startMaterializer(
  env: TestEnv,
  offlineStoreUrl: string,
  redisUrl: string,
  { fastPath = 'on', consume = true } = {},
) {
  const config = parseConfig(materializerConfigSchema, {
    ONLINE_FAST_PATH: fastPath,
    DATABASE_URL: env.databaseUrl,
    KAFKA_BROKERS: env.kafkaBrokers.join(','),
    KAFKA_TOPIC_PREFIX: env.topicPrefix,
    REDIS_URL: redisUrl,
    ONLINE_KEY_PREFIX: env.redisKeyPrefix,
    OFFLINE_STORE_URL: offlineStoreUrl,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
  });
  const app = await createServiceApp({
    identity: serviceIdentity('materializer'),
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

describe('materializer: streaming materialization and online serving', () => {
  const env = useTestEnv();
  describe('with feature-ingest writing the offline store', () => {
    let ingest: { url: string; stop: () => void };
    let reader: { url: string; drop: () => Promise<void> };
    let app: INestApplication;
    let url: string;
    let redis: ChildProcess;
    let redisPort: number;
    let served: Awaited<ReturnType<typeof collectEvents>>;
    const T = nowMicros() - 60 * S + 123_456; // a minute ago, with microseconds
    afterAll(async () => {
      await served?.stop();
      await app?.close();
      ingest?.stop();
      redis?.kill('SIGKILL');
      await reader?.drop();
    });

    const push = async (featureView: string, rows: Record<string, unknown>[], batchId?: string) => {
      const res = await http(
        'POST',
        `${ingest.url}/features/push`,
        { featureView, rows, batchId },
        'dev-pipeline-token',
      );
      expect(res.status).toBe(200);
    };
    const online = (body: unknown, token?: string) => http('POST', `${url}/get-online-features`, body, token);
    const conv = async (ids: number[]) =>
      (await online({ features: ['driver_stats:conv_rate'], entities: { driver_id: ids } })).body.results[1];

    beforeAll(async () => {
      redisPort = await freePort();
      redis = startRedis(redisPort);
      served = await collectEvents(env(), 'provenant.predictions.v1');
      ingest = await spawnFeatureIngest(env());
      reader = await readOnlyUrl(env());
      ({ app, url } = await startMaterializer(env(), reader.url, `redis://127.0.0.1:${redisPort}`));
      await publish(env(), [
        entity('driver', [['driver_id', 'INT64']]),
        view(
          'driver_stats',
          ['driver'],
          [
            ['conv_rate', 'FLOAT64'],
            ['trips', 'INT64'],
          ],
          3600 * S,
        ),
        view('driver_profile', ['driver'], [['city', 'STRING']], 0),
        service('ranking', [{ featureView: 'driver_stats', featureViewVersion: 1, features: ['trips'] }]),
      ]);
      for (const name of ['driver_stats', 'driver_profile']) {
        await waitFor(
          async () => (await http('GET', `${ingest.url}/features/views/${name}`)).status === 200,
          {
            timeoutMs: 30_000,
          },
        );
        await waitFor(
          async () => (await http('GET', `${url}/catalog/feature-views/${name}`)).status === 200,
          {
            timeoutMs: 30_000,
          },
        );
      }
      await waitFor(
        async () =>
          (await online({ feature_service: 'ranking', entities: { driver_id: [1] } })).status === 200,
        {
          timeoutMs: 30_000,
          description: 'feature service known',
        },
      );
      // Warm the path (consumer fetch, script load) so the latency check below measures steady state.
      await push('driver_stats', [{ driver_id: 100, event_ts: T, conv_rate: 0.5, trips: 1 }]);
      await waitFor(async () => (await conv([100])).statuses[0] === 'PRESENT', {
        timeoutMs: 30_000,
        description: 'first row online',
      });
    }, 300_000); // starts feature-ingest: a cold start is slow on a loaded machine

    it('serves pushed rows within a second, in Feast response shape, with µs event timestamps', async () => {
      const started = Date.now();
      await push('driver_stats', [{ driver_id: 1, event_ts: T, conv_rate: 0.7, trips: 12 }]);
      await waitFor(async () => (await conv([1])).statuses[0] === 'PRESENT', {
        timeoutMs: 5_000,
        intervalMs: 10,
      });
      expect(Date.now() - started).toBeLessThan(1_000);
      const res = await online({
        features: ['driver_stats:conv_rate', 'driver_stats:trips'],
        entities: { driver_id: [1, 2] },
      });
      expect(res.status).toBe(200);
      expect(res.body.metadata).toMatchObject({
        feature_names: ['driver_id', 'conv_rate', 'trips'],
        feature_view_versions: { driver_stats: 1 },
        feature_service: null,
      });
      expect(res.body.metadata.request_id).toMatch(/^[0-9a-f-]{36}$/);
      expect(res.body.results).toEqual([
        {
          values: [1, 2],
          statuses: ['PRESENT', 'PRESENT'],
          event_timestamps: ['1970-01-01T00:00:00Z', '1970-01-01T00:00:00Z'],
        },
        {
          values: [0.7, null],
          statuses: ['PRESENT', 'NOT_FOUND'],
          event_timestamps: [formatRfc3339Micros(T), '1970-01-01T00:00:00Z'],
        },
        {
          values: [12, null],
          statuses: ['PRESENT', 'NOT_FOUND'],
          event_timestamps: [formatRfc3339Micros(T), '1970-01-01T00:00:00Z'],
        },
      ]);
      expect(res.body.results[1].event_timestamps[0]).toMatch(/\.\d{6}Z$/);
    });

    it('never moves a value backwards: older and replayed rows leave the newest in place', async () => {
      await push('driver_stats', [{ driver_id: 3, event_ts: T + 2, conv_rate: 0.3, trips: 3 }], 'b-new');
      await push('driver_stats', [{ driver_id: 3, event_ts: T + 1, conv_rate: 0.1, trips: 1 }]); // one µs older
      await push('driver_stats', [{ driver_id: 3, event_ts: T + 2, conv_rate: 0.3, trips: 3 }], 'b-new'); // resent
      // Batches of one view are handled in order (same subject, same partition): once this marker
      // is online, the older row before it has been applied.
      await push('driver_stats', [{ driver_id: 4, event_ts: T, conv_rate: 0.4, trips: 4 }]);
      await waitFor(async () => (await conv([4])).statuses[0] === 'PRESENT', { timeoutMs: 10_000 });
      const col = await conv([3]);
      expect(col.values).toEqual([0.3]);
      expect(col.event_timestamps).toEqual([formatRfc3339Micros(T + 2)]);
    });

    it('reports NULL_VALUE, OUTSIDE_MAX_AGE and NOT_FOUND, never an expired value as fresh', async () => {
      const old = nowMicros() - 2 * 3600 * S; // older than driver_stats' 1 h ttl
      await push('driver_profile', [{ driver_id: 5, event_ts: old, city: 'Ams' }]); // ttl 0 keeps the hash
      // Views are separate subjects (partitions): wait until the profile is online, or the old
      // driver_stats row could land first in a hash that expires at once, and read as NOT_FOUND.
      const city = async () =>
        (await online({ features: ['driver_profile:city'], entities: { driver_id: [5] } })).body.results[1];
      await waitFor(async () => (await city()).statuses[0] === 'PRESENT', { timeoutMs: 10_000 });
      await push('driver_stats', [{ driver_id: 5, event_ts: old, conv_rate: 0.9, trips: 9 }]);
      await push('driver_stats', [{ driver_id: 6, event_ts: T, conv_rate: 0.6 }]); // no trips
      await waitFor(async () => (await conv([6])).statuses[0] === 'PRESENT', { timeoutMs: 10_000 });
      const res = await online({
        features: ['driver_stats:trips', 'driver_profile:city'],
        entities: { driver_id: [5, 6, 7] },
        full_feature_names: true,
      });
      expect(res.body.metadata.feature_names).toEqual([
        'driver_id',
        'driver_stats__trips',
        'driver_profile__city',
      ]);
      expect(res.body.results[1]).toEqual({
        values: [null, null, null],
        statuses: ['OUTSIDE_MAX_AGE', 'NULL_VALUE', 'NOT_FOUND'],
        event_timestamps: [formatRfc3339Micros(old), formatRfc3339Micros(T), '1970-01-01T00:00:00Z'],
      });
      expect(res.body.results[2].values).toEqual(['Ams', null, null]);
    });

    it('serves a feature service at its pinned view versions', async () => {
      const res = await online({ feature_service: 'ranking', entities: { driver_id: [1] } });
      expect(res.body.metadata).toMatchObject({
        feature_names: ['driver_id', 'trips'],
        feature_service: 'ranking@v1',
      });
      expect(res.body.results[1].values).toEqual([12]);
    });

    it("logs each served vector as FeatureVectorServed, citing every value's event_ts and ingest batch", async () => {
      await push(
        'driver_stats',
        [{ driver_id: 8, event_ts: T + 8, conv_rate: 0.8, trips: 8 }],
        'batch-eight',
      );
      await waitFor(async () => (await conv([8])).statuses[0] === 'PRESENT', { timeoutMs: 10_000 });
      const res = await online({ features: ['driver_stats:conv_rate'], entities: { driver_id: [8, 9] } });
      const id = res.body.metadata.request_id;
      await served.until(() => served.events.some((e) => e.value.requestId === id), 'FeatureVectorServed');
      const event = served.events.find((e) => e.value.requestId === id)!;
      expect(event.eventType).toBe('FeatureVectorServed');
      expect(event.value.meta.used.map((r: any) => `${r.kind}:${r.id}`)).toEqual([
        'feature_view:driver_stats@v1',
        'batch:batch-eight',
      ]);
      expect(event.value.entities.map((e: any) => e.features[0])).toEqual([
        expect.objectContaining({
          status: 'PRESENT',
          value: { double: 0.8 },
          eventTs: T + 8,
          batchId: 'batch-eight',
        }),
        expect.objectContaining({ status: 'NOT_FOUND', value: null, eventTs: null, batchId: null }),
      ]);
      expect(event.value.entities[0].entityKey).toEqual({ driver_id: 8 });
    });

    it('logs a request too large for one event as several, its entity rows split in request order', async () => {
      // 10,001 values: one more than an event holds (MAX_VALUES_PER_EVENT). As one event it would
      // be ~400 kB; past ~1 MB the broker refuses it, and it could never leave the outbox.
      const ids = Array.from({ length: 10_001 }, (_, i) => 50_000 + i);
      const res = await online({ features: ['driver_stats:conv_rate'], entities: { driver_id: ids } });
      expect(res.status).toBe(200);
      const id = res.body.metadata.request_id;
      const parts = () => served.events.filter((e) => e.value.requestId === id);
      await served.until(
        () => parts().reduce((n, e) => n + e.value.entities.length, 0) === ids.length,
        'both parts of the large FeatureVectorServed',
      );
      expect(parts().map((e) => e.value.entities.length)).toEqual([10_000, 1]);
      expect(parts().flatMap((e) => e.value.entities.map((x: any) => x.entityKey.driver_id))).toEqual(ids);
      expect(new Set(parts().map((e) => e.value.meta.eventId)).size).toBe(2);
    });

    it('exposes per-view freshness: age of the newest online value and ingest-to-online lag', async () => {
      const metrics = await (await fetch(`${url}/metrics`)).text();
      const age =
        /provenant_online_feature_age_seconds\{[^}]*feature_view="driver_stats"[^}]*\} ([\d.e+-]+)/.exec(
          metrics,
        );
      expect(Number(age?.[1])).toBeGreaterThanOrEqual(0);
      // The newest driver_stats event_ts pushed so far is T + 8 (a minute ago).
      expect(Number(age?.[1])).toBeLessThan(600);
      const lag =
        /provenant_online_ingest_lag_seconds_count\{[^}]*feature_view="driver_stats"[^}]*\} (\d+)/.exec(
          metrics,
        );
      expect(Number(lag?.[1])).toBeGreaterThan(3);
    });

    it.each([
      [{ features: ['nope:x'], entities: { driver_id: [1] } }, 'features.0: unknown feature view nope'],
      [
        { features: ['driver_stats:nope'], entities: { driver_id: [1] } },
        'features.0: feature view driver_stats v1 has no feature nope',
      ],
      [
        { features: ['driver_stats:trips'], entities: { rider_id: [1] } },
        'entities.rider_id: unknown entity key',
      ],
      [{ features: ['driver_stats:trips'], entities: {} }, 'entities.driver_id: missing'],
      [
        { features: ['driver_stats:trips'], entities: { driver_id: ['x'] } },
        'entities.driver_id.0: expected INT64',
      ],
      [
        { feature_service: 'nope', entities: { driver_id: [1] } },
        'featureService: unknown feature service nope',
      ],
      [
        { features: ['driver_stats:trips'], feature_service: 'ranking', entities: { driver_id: [1] } },
        'features: give either',
      ],
      [{ features: ['driver_stats:trips'] }, 'entities'],
    ])('answers 400 naming the problem: %j', async (body, message) => {
      const res = await online(body);
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body.message)).toContain(message);
    });

    it("answers the same through Nest's route with ONLINE_FAST_PATH=off", async () => {
      const viaNest = await startMaterializer(env(), reader.url, `redis://127.0.0.1:${redisPort}`, {
        fastPath: 'off',
        consume: false,
      });
      try {
        const body = {
          features: ['driver_stats:conv_rate', 'driver_profile:city'],
          entities: { driver_id: [1, 7] },
        };
        const fast = await online(body);
        const nest = await http('POST', `${viaNest.url}/get-online-features`, body);
        expect(fast.status).toBe(200);
        expect(nest.status).toBe(200);
        const { request_id: _a, ...fastMeta } = fast.body.metadata;
        const { request_id: _b, ...nestMeta } = nest.body.metadata;
        expect(nestMeta).toEqual(fastMeta);
        expect(nest.body.results).toEqual(fast.body.results);
        const bad = { features: ['driver_stats:trips'], entities: { driver_id: ['x'] }, extra: 1 };
        const [fastBad, nestBad] = [
          await online(bad),
          await http('POST', `${viaNest.url}/get-online-features`, bad),
        ];
        expect(fastBad.status).toBe(400);
        expect(nestBad.body).toEqual(fastBad.body);
        expect(fastBad.body.message).toEqual(['property extra should not exist']);
      } finally {
        await viaNest.app.close();
      }
    });

    it('needs a bearer token', async () => {
      expect(
        (await online({ features: ['driver_stats:trips'], entities: { driver_id: [1] } }, '')).status,
      ).toBe(401);
    });

    it('answers 503 while Redis is down; rows accepted meanwhile go online once it is back, without a restart', async () => {
      const body = { features: ['driver_stats:trips'], entities: { driver_id: [1] } };
      redis.kill('SIGTERM');
      await waitFor(async () => (await online(body)).status === 503, { timeoutMs: 10_000 });
      expect((await online(body)).body.message).toMatch(/^online store unavailable: Redis/);
      // Accepted while Redis is away: the batch waits for it rather than being dead-lettered.
      await push('driver_stats', [{ driver_id: 1, event_ts: T + 5, conv_rate: 0.8, trips: 13 }]);
      await new Promise((r) => setTimeout(r, 1_500));
      redis = startRedis(redisPort);
      await waitFor(async () => (await online(body)).status === 200, { timeoutMs: 15_000 });
      await waitFor(async () => (await online(body)).body.results[1].values[0] === 13, { timeoutMs: 15_000 });
    });
  });
});
