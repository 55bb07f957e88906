import type { INestApplication } from '@nestjs/common';
import Redis from 'ioredis';
import { nowMicros } from '@provenant/contracts';
import { connectEventConsumer, createServiceApp, parseConfig, serviceIdentity } from '@provenant/platform';
import { useTestEnv, waitFor, type TestEnv } from '@provenant/testing';
import { AppModule, SERVICE_NAME } from '../src/app.module';
import { materializerConfigSchema } from '../src/config';
import { RunMaterializationUseCase } from '../src/materialization/run-materialization.usecase';
import { collectEvents, entity, publish, view } from './fixtures/definition-events';
import { cli, http, readOnlyUrl, spawnFeatureIngest } from './fixtures/services';

const S = 1_000_000;
const HORIZON_MS = 5_500; // rows committed less than 5 s ago are left to the next run

async function startMaterializer(env: TestEnv, offlineStoreUrl: string) {
  const config = parseConfig(materializerConfigSchema, {
    DATABASE_URL: env.databaseUrl,
    KAFKA_BROKERS: env.kafkaBrokers.join(','),
    KAFKA_TOPIC_PREFIX: env.topicPrefix,
    REDIS_URL: env.redisUrl,
    ONLINE_KEY_PREFIX: env.redisKeyPrefix,
    OFFLINE_STORE_URL: offlineStoreUrl,
    LOG_LEVEL: 'silent',
  });
  const app = await createServiceApp({
    identity: serviceIdentity('materializer'),
    module: AppModule.forRoot(config),
    description: 'test',
  });
  connectEventConsumer(app, SERVICE_NAME, config, ['provenant.features.v1']);
  await app.startAllMicroservices();
  await app.listen(0, '127.0.0.1');
  return { app, url: (await app.getUrl()).replace('[::1]', '127.0.0.1') };
}

describe('materializer: batch and incremental materialization', () => {
  const env = useTestEnv();
  describe('from the offline store written by feature-ingest', () => {
    let ingest: { url: string; stop: () => void };
    let reader: { url: string; drop: () => Promise<void> };
    let app: INestApplication;
    let url: string;
    let redis: Redis;
    let features: Awaited<ReturnType<typeof collectEvents>>;
    const T = nowMicros() - 600 * S + 7;
    afterAll(async () => {
      await features?.stop();
      await app?.close();
      ingest?.stop();
      redis?.disconnect();
      await reader?.drop();
    });

    const push = async (rows: Record<string, unknown>[]) =>
      expect(
        (
          await http(
            'POST',
            `${ingest.url}/features/push`,
            { featureView: 'stats', rows },
            'dev-pipeline-token',
          )
        ).status,
      ).toBe(200);
    const values = async (ids: number[]) =>
      (await http('POST', `${url}/get-online-features`, { features: ['stats:score'], entities: { id: ids } }))
        .body.results[1];
    const materialize = (body: unknown) =>
      http('POST', `${url}/materializations`, body, 'dev-pipeline-token');
    /** Redis lost everything (no persistence): what materialization is for. */
    const wipeOnline = async () => {
      const keys = await redis.keys(`${env().redisKeyPrefix}fs:*`);
      if (keys.length) await redis.del(...keys);
    };

    beforeAll(async () => {
      redis = new Redis(env().redisUrl);
      features = await collectEvents(env(), 'provenant.features.v1');
      ingest = await spawnFeatureIngest(env());
      reader = await readOnlyUrl(env());
      ({ app, url } = await startMaterializer(env(), reader.url));
      await publish(env(), [
        entity('thing', [['id', 'INT64']]),
        view('stats', ['thing'], [['score', 'INT64']], 0),
      ]);
      await waitFor(async () => (await http('GET', `${ingest.url}/features/views/stats`)).status === 200, {
        timeoutMs: 30_000,
      });
      await waitFor(async () => (await http('GET', `${url}/catalog/feature-views/stats`)).status === 200, {
        timeoutMs: 30_000,
      });
      // 10 rows over 4 entities, one of them out of order.
      await push([1, 2, 3, 4].map((id) => ({ id, event_ts: T + id, score: id })));
      await push([1, 2, 3].map((id) => ({ id, event_ts: T + 100 + id, score: 10 * id })));
      await push([
        { id: 1, event_ts: T + 50, score: -1 },
        { id: 2, event_ts: T + 60, score: -2 },
        { id: 4, event_ts: T + 200, score: 40 },
      ]);
      await waitFor(async () => (await values([4])).values[0] === 40, { timeoutMs: 10_000 });
      await new Promise((r) => setTimeout(r, HORIZON_MS));
    }, 300_000); // starts feature-ingest: a cold start is slow on a loaded machine

    it('restores the online store incrementally, with counts, watermark and digest in MaterializationCompleted', async () => {
      await wipeOnline();
      expect((await values([1])).statuses).toEqual(['NOT_FOUND']);
      const res = await materialize({ views: ['stats'] });
      expect(res.status).toBe(201);
      expect(res.body.runs).toEqual([
        expect.objectContaining({
          featureView: 'stats',
          viewVersion: 1,
          mode: 'INCREMENTAL',
          status: 'SUCCEEDED',
          rowsRead: 10,
          rowsSkippedStale: 0,
          watermark: T + 200,
        }),
      ]);
      expect((await values([1, 2, 3, 4])).values).toEqual([10, 20, 30, 40]);
      const run = res.body.runs[0];
      await features.until(
        () => features.events.some((e) => e.value.materializationId === run.materializationId),
        'MaterializationCompleted',
      );
      const event = features.events.find((e) => e.value.materializationId === run.materializationId)!.value;
      expect(event).toMatchObject({
        mode: 'INCREMENTAL',
        status: 'SUCCEEDED',
        rowsRead: 10,
        watermark: T + 200,
        previousWatermark: null,
        rowsDigest: run.digest,
      });
      expect(event.rowsDigest).toMatch(/^sha256:[0-9a-f]{64}$/);
    });

    it('reads nothing again on the next incremental run, and picks up late rows by ingestion order', async () => {
      expect((await materialize({ views: ['stats'] })).body.runs[0]).toMatchObject({
        rowsRead: 0,
        watermark: T + 200,
      });
      await wipeOnline();
      // Late (older than the watermark) and new: both arrive after the cursor, both are read.
      await push([
        { id: 3, event_ts: T + 1, score: -3 },
        { id: 5, event_ts: T + 5, score: 5 },
      ]);
      await new Promise((r) => setTimeout(r, HORIZON_MS));
      await wipeOnline();
      const run = (await materialize({ views: ['stats'] })).body.runs[0];
      expect(run).toMatchObject({
        rowsRead: 2,
        rowsWritten: 2,
        previousWatermark: T + 200,
        watermark: T + 200,
      });
      expect((await values([3, 5])).values).toEqual([-3, 5]); // online was empty: the late row is the newest known
    });

    it('resumes a run that crashed mid-way with exact counts and the same digest as an uninterrupted run', async () => {
      const window = { views: ['stats'], start: T, end: T + 1_000 };
      const whole = (await materialize(window)).body.runs[0];
      expect(whole).toMatchObject({ mode: 'BATCH', rowsRead: 12 });
      await wipeOnline();
      const sut = app.get(RunMaterializationUseCase);
      let chunks = 0;
      const crash = sut.execute(
        {
          views: ['stats'],
          start: T,
          end: T + 1_000,
          chunkSize: 3,
          onChunk: () => {
            if (++chunks === 2) throw new Error('crash');
          },
        },
        { principal: 'test', kind: 'user', roles: [] },
      );
      await expect(crash).rejects.toThrow('crash');
      const status = (await http('GET', `${url}/materializations?view=stats&limit=1`)).body.runs[0];
      expect(status).toMatchObject({ status: 'RUNNING', rowsRead: 6 });
      const resumed = (await materialize(window)).body.runs[0];
      expect(resumed).toMatchObject({
        materializationId: status.materializationId,
        status: 'SUCCEEDED',
        rowsRead: 12,
        digest: whole.digest,
      });
      expect(resumed.rowsWritten + resumed.rowsSkippedStale).toBeGreaterThanOrEqual(5);
      expect((await values([1, 2, 3, 4, 5])).values).toEqual([10, 20, 30, 40, 5]);
    });

    it('answers 400 naming the problem and runs nothing', async () => {
      const before = (await http('GET', `${url}/materializations?limit=1000`)).body.runs.length;
      expect((await materialize({ views: ['nope'] })).body.message).toEqual([
        'views.0: unknown feature view nope',
      ]);
      expect((await materialize({ views: ['stats'], start: T + 10, end: T })).body.message).toEqual([
        'start: after end',
      ]);
      expect((await materialize({ views: ['stats'], start: 'yesterday' })).status).toBe(400);
      expect((await http('GET', `${url}/materializations?limit=1000`)).body.runs.length).toBe(before);
    });

    it('is driven by `npx provenant materialize` and `materialize status`', async () => {
      const run = await cli(['materialize', '--views', 'stats', '--json'], {
        PROVENANT_MATERIALIZER_URL: url,
        PROVENANT_TOKEN: 'dev-pipeline-token',
      });
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout).runs[0]).toMatchObject({ featureView: 'stats', status: 'SUCCEEDED' });
      // Without --json, a progress line on stderr (rows written so far), the table on stdout.
      const shown = await cli(['materialize', '--views', 'stats'], {
        PROVENANT_MATERIALIZER_URL: url,
        PROVENANT_TOKEN: 'dev-pipeline-token',
      });
      expect(shown.code).toBe(0);
      expect(shown.stderr).toMatch(/materialize \| [\d,]+ rows written \| [\d,]+ rows\/s/);
      expect(shown.stdout).toContain('stats@v1');
      const status = await cli(['materialize', 'status', '--view', 'stats'], {
        PROVENANT_MATERIALIZER_URL: url,
      });
      expect(status.code).toBe(0);
      expect(status.stdout).toContain('stats@v1');
      const bad = await cli(['materialize', '--views', 'nope'], { PROVENANT_MATERIALIZER_URL: url });
      expect(bad.code).toBe(1);
      expect(bad.stderr).toContain('unknown feature view nope');
    });
  });
});
