import { createHash } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import {
  nowMicros,
  provRef,
  subject,
  type FeatureRowBatch,
  type MaterializationCompleted,
} from '@provenant/contracts';
import { useTestEnv, waitFor } from '@provenant/testing';
import { DataSource } from 'typeorm';
import { IngestRowsUseCase } from '../src/ingest/ingest-rows.usecase';
import { fromAvro } from '../src/ingest/row-validator';
import {
  collectEvents,
  entityApplied,
  publish,
  registryMetas,
  viewApplied,
} from './fixtures/definition-events';
import { http, sql, startIngest, untilViewKnown } from './fixtures/ingest-app';

const T0 = 1_767_261_600_000_000; // 2026-01-01T10:00:00Z in µs

describe('feature-ingest: push and stream ingestion', () => {
  const env = useTestEnv();
  let app: INestApplication;
  let url: string;
  let topic: Awaited<ReturnType<typeof collectEvents>>;
  const push = (body: unknown, token?: string) => http('POST', `${url}/features/push`, body, token);
  const rowsOf = (batchId: string) =>
    sql(
      env(),
      'SELECT entity_key, event_ts::text, created_ts::text, ingestion_seq::text, "values" FROM feature_ingest.feature_rows WHERE batch_id = $1 ORDER BY ingestion_seq',
      [batchId],
    );

  beforeAll(async () => {
    ({ app, url } = await startIngest(env()));
    topic = await collectEvents(env(), 'provenant.features.v1');
    await publish(env(), [
      { eventType: 'EntityApplied', event: entityApplied('driver', [['driver_id', 'INT64']]) },
      {
        eventType: 'EntityApplied',
        event: entityApplied('route', [
          ['origin', 'STRING'],
          ['destination', 'STRING'],
        ]),
      },
      {
        eventType: 'FeatureViewApplied',
        event: viewApplied(
          'driver_stats',
          ['driver'],
          [
            ['conv_rate', 'FLOAT64'],
            ['trips', 'INT64'],
          ],
        ),
      },
      {
        eventType: 'FeatureViewApplied',
        event: viewApplied('route_stats', ['route'], [['minutes', 'FLOAT32']]),
      },
    ]);
    await untilViewKnown(url, 'driver_stats');
    await untilViewKnown(url, 'route_stats');
  });

  afterAll(async () => {
    await topic?.stop();
    await app?.close();
  });

  it('appends valid rows with exact microsecond times, one created_ts and ordered sequence numbers', async () => {
    const rows = [
      { driver_id: 1001, event_ts: '2026-01-01T10:00:00.000001Z', conv_rate: 0.5, trips: 3 },
      { driver_id: 1001, event_ts: '2026-01-01T10:00:00.000001Z', conv_rate: 0.6 },
      { driver_id: '1002', event_ts: T0 + 7, trips: 9 },
    ];
    const before = nowMicros();
    const res = await push({ featureView: 'driver_stats', batchId: 'b-ok', rows });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'ACCEPTED',
      accepted: 3,
      rejected: 0,
      featureViewVersion: 1,
      eventTsMin: T0 + 1,
      eventTsMax: T0 + 7,
    });
    const stored = await rowsOf('b-ok');
    expect(stored.map((r) => [r.entity_key, r.event_ts, r.values])).toEqual([
      ['[1001]', String(T0 + 1), { conv_rate: 0.5, trips: 3 }],
      ['[1001]', String(T0 + 1), { conv_rate: 0.6 }],
      ['[1002]', String(T0 + 7), { trips: 9 }],
    ]);
    expect(new Set(stored.map((r) => r.created_ts))).toEqual(new Set([String(res.body.createdTs)]));
    expect(res.body.createdTs).toBeGreaterThanOrEqual(before);
    const seqs = stored.map((r) => Number(r.ingestion_seq));
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect([res.body.ingestionSeqFirst, res.body.ingestionSeqLast]).toEqual([seqs[0], seqs[2]]);

    // The digest is reproducible by anyone from the documented canonical form.
    const lines = [
      '{"entity":{"driver_id":1001},"event_ts":1767261600000001,"features":{"conv_rate":0.5,"trips":3}}',
      '{"entity":{"driver_id":1001},"event_ts":1767261600000001,"features":{"conv_rate":0.6}}',
      '{"entity":{"driver_id":1002},"event_ts":1767261600000007,"features":{"trips":9}}',
    ];
    const digest = `sha256:${createHash('sha256')
      .update(lines.map((l) => `${l}\n`).join(''))
      .digest('hex')}`;
    expect(res.body.rowsDigest).toBe(digest);
    await topic.until(() => topic.of('FeatureRowsIngested', 'b-ok').length === 1, 'FeatureRowsIngested b-ok');
    const event = topic.of('FeatureRowsIngested', 'b-ok')[0].value;
    expect(event).toMatchObject({
      acceptedCount: 3,
      rowsDigest: digest,
      source: 'PUSH',
      createdTs: res.body.createdTs,
      eventTsMin: T0 + 1,
    });
    expect(event.meta.generated).toEqual([expect.objectContaining({ kind: 'batch', id: 'b-ok', digest })]);
    expect(event.meta.actor).toMatchObject({ principal: expect.any(String), kind: 'pipeline' });
  });

  it('accepts the valid rows and quarantines the others with a reason each (ACCEPT_VALID)', async () => {
    const rows = [
      { driver_id: 1, event_ts: T0, conv_rate: 'high' },
      { driver_id: 2, event_ts: T0, conv_rate: 0.1 },
      { event_ts: T0, conv_rate: 0.1 },
      { driver_id: 3, event_ts: '2026-13-01T00:00:00Z' },
      { driver_id: 4, event_ts: T0, speed: 1 },
    ];
    const res = await push({ featureView: 'driver_stats', batchId: 'b-mixed', policy: 'ACCEPT_VALID', rows });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'PARTIAL', accepted: 1, rejected: 4 });
    expect(res.body.rejections.map((r: any) => [r.rowIndex, r.reason, r.field])).toEqual([
      [0, 'WRONG_TYPE', 'conv_rate'],
      [2, 'MISSING_ENTITY_KEY', 'driver_id'],
      [3, 'IMPOSSIBLE_TIMESTAMP', 'event_ts'],
      [4, 'UNKNOWN_FEATURE', 'speed'],
    ]);
    expect(await rowsOf('b-mixed')).toHaveLength(1);
    const quarantined = await sql(
      env(),
      'SELECT row_index, reason, row_data FROM feature_ingest.quarantined_rows WHERE batch_id = $1 ORDER BY row_index',
      ['b-mixed'],
    );
    expect(quarantined[0]).toEqual({ row_index: 0, reason: 'WRONG_TYPE', row_data: rows[0] });
    await topic.until(
      () => topic.of('FeatureRowsRejected', 'b-mixed').length === 1,
      'FeatureRowsRejected b-mixed',
    );
    expect(topic.of('FeatureRowsRejected', 'b-mixed')[0].value).toMatchObject({
      policy: 'ACCEPT_VALID',
      totalRows: 5,
      rejectedCount: 4,
      truncated: false,
    });
  });

  it('writes no row at all under REJECT_ALL, answering 422 with the reasons', async () => {
    const res = await push({
      featureView: 'driver_stats',
      batchId: 'b-strict',
      policy: 'REJECT_ALL',
      rows: [
        { driver_id: 1, event_ts: T0 },
        { driver_id: 'x', event_ts: T0 },
      ],
    });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({
      status: 'REJECTED',
      accepted: 0,
      rejected: 1,
      rejections: [{ rowIndex: 1, reason: 'MALFORMED_ENTITY_KEY' }],
    });
    expect(await rowsOf('b-strict')).toEqual([]);
    await topic.until(
      () => topic.of('FeatureRowsRejected', 'b-strict').length === 1,
      'FeatureRowsRejected b-strict',
    );
    expect(topic.of('FeatureRowsIngested', 'b-strict')).toEqual([]);
  });

  it('writes nothing twice for a resent batch id', async () => {
    const res = await push({
      featureView: 'driver_stats',
      batchId: 'b-ok',
      rows: [{ driver_id: 9, event_ts: T0 }],
    });
    expect(res.body).toMatchObject({ status: 'DUPLICATE', accepted: 3 });
    expect(await rowsOf('b-ok')).toHaveLength(3);
  });

  it('answers 404 for an unknown view, 400 naming a bad field, 403 for the wrong role; nothing written', async () => {
    const count = async () =>
      (await sql(env(), 'SELECT count(*)::int AS n FROM feature_ingest.ingest_batches'))[0].n;
    const before = await count();
    const unknown = await push({ featureView: 'nope', rows: [{ a: 1 }] });
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toMatch(/featureView: unknown feature view nope/);
    const bad = await push({ featureView: 'driver_stats', rows: 'not rows' });
    expect(bad.status).toBe(400);
    expect(bad.body.message.join()).toMatch(/rows/);
    expect((await push({ featureView: 'driver_stats', rows: [] }, 'dev-auditor-token')).status).toBe(403);
    expect(await count()).toBe(before);
  });

  it('keys composite entities by all their join keys in order', async () => {
    const res = await push({
      featureView: 'route_stats',
      batchId: 'b-route',
      rows: [{ origin: 'AMS', destination: 'CDG', event_ts: T0, minutes: 75 }],
    });
    expect(res.status).toBe(200);
    expect((await rowsOf('b-route'))[0].entity_key).toBe('["AMS","CDG"]');
  });

  it('ingests FeatureRowBatch events from the data-plane topic, once each', async () => {
    const batch: FeatureRowBatch = {
      meta: registryMetas.create({ subject: subject('feature_view', 'driver_stats') }),
      batchId: 'stream-1',
      featureView: 'driver_stats',
      featureViewVersion: null,
      rows: [
        {
          entityKey: { driver_id: 77 },
          eventTs: T0 + 123_456,
          features: { conv_rate: { double: 0.25 }, trips: { long: 4 } },
        },
        { entityKey: { driver_id: 78 }, eventTs: T0, features: { conv_rate: { string: 'bad' } } },
      ],
    };
    await publish(env(), [
      { eventType: 'FeatureRowBatch', event: batch },
      {
        eventType: 'FeatureRowBatch',
        event: {
          ...batch,
          meta: { ...batch.meta, eventId: registryMetas.create({ subject: batch.meta.subject }).eventId },
        },
      },
    ]);
    await topic.until(
      () => topic.of('FeatureRowsIngested', 'stream-1').length === 1,
      'FeatureRowsIngested stream-1',
    );
    const event = topic.of('FeatureRowsIngested', 'stream-1')[0].value;
    expect(event).toMatchObject({
      source: 'STREAM',
      acceptedCount: 1,
      rejectedCount: 1,
      sourceUri: expect.stringMatching(/provenant\.feature-rows\.v1\/\d+\/\d+$/),
    });
    expect(event.meta.causationId).toBe(batch.meta.eventId);
    await new Promise((r) => setTimeout(r, 1000)); // the redelivered batch must not add rows
    expect((await rowsOf('stream-1')).map((r) => [r.entity_key, r.event_ts])).toEqual([
      ['[77]', String(T0 + 123_456)],
    ]);
    expect(topic.of('FeatureRowsIngested', 'stream-1')).toHaveLength(1);
  });

  it('writes the batches of one fetch together, each answered on its own, resends and unknown views included', async () => {
    const streamed = (batchId: string, featureView: string, rows: unknown[]) => ({
      featureView,
      batchId,
      source: 'STREAM' as const,
      sourceUri: 'test/0/0',
      policy: 'REJECT_ALL' as const,
      valuesAsText: false,
      rows,
      toCandidate: fromAvro,
      actor: { principal: 'pipeline-test', kind: 'pipeline', roles: ['pipeline'] },
    });
    const row = (driver: number, at: number, conv: unknown) => ({
      entityKey: { driver_id: driver },
      eventTs: at,
      features: { conv_rate: conv },
    });
    const results = await app
      .get(DataSource)
      .transaction((m) =>
        app
          .get(IngestRowsUseCase)
          .executeAll(
            [
              streamed('f-1', 'driver_stats', [
                row(501, T0 + 2, { double: 0.1 }),
                row(502, T0 + 1, { double: 0.2 }),
              ]),
              streamed('f-2', 'no_such_view', [row(503, T0, { double: 0.3 })]),
              streamed('f-1', 'driver_stats', [row(509, T0, { double: 0.9 })]),
              streamed('f-3', 'driver_stats', [row(504, T0, { double: 0.4 }), row(505, T0, { string: 'x' })]),
              streamed('f-4', 'driver_stats', [row(506, T0 + 5, { double: 0.6 })]),
            ],
            m,
          ),
      );
    expect(results.map((r) => [r.batchId, r.status, r.accepted, r.rejected])).toEqual([
      ['f-1', 'ACCEPTED', 2, 0],
      ['f-2', 'REJECTED', 0, 1],
      ['f-1', 'DUPLICATE', 2, 0],
      ['f-3', 'REJECTED', 0, 1], // REJECT_ALL: the valid row is not written either
      ['f-4', 'ACCEPTED', 1, 0],
    ]);
    expect(results[1].rejections[0]).toMatchObject({ reason: 'UNKNOWN_FEATURE_VIEW' });
    const f1 = await rowsOf('f-1');
    const f4 = await rowsOf('f-4');
    // Input order within a batch, batch order across them, and the ranges the records name.
    expect(f1.map((r) => r.entity_key)).toEqual(['[501]', '[502]']);
    expect(Number(f1[1].ingestion_seq)).toBeGreaterThan(Number(f1[0].ingestion_seq));
    expect(Number(f4[0].ingestion_seq)).toBeGreaterThan(Number(f1[1].ingestion_seq));
    expect([results[0].ingestionSeqFirst, results[0].ingestionSeqLast]).toEqual(
      f1.map((r) => Number(r.ingestion_seq)),
    );
    expect(await rowsOf('f-3')).toEqual([]);
    expect(new Set([...f1, ...f4].map((r) => r.created_ts)).size).toBe(1);
    await topic.until(() => topic.of('FeatureRowsIngested', 'f-4').length === 1, 'FeatureRowsIngested f-4');
    expect(topic.of('FeatureRowsIngested', 'f-1')).toHaveLength(1);
    expect(topic.of('FeatureRowsRejected', 'f-3')).toHaveLength(1);
  });

  it('reports rows at or before the materialization watermark as late', async () => {
    const done: MaterializationCompleted = {
      meta: registryMetas.create({
        subject: subject('feature_view', 'driver_stats'),
        generated: [provRef.materialization('m-1')],
      }),
      materializationId: 'm-1',
      featureView: 'driver_stats',
      featureViewVersion: 1,
      mode: 'BATCH',
      status: 'SUCCEEDED',
      windowStart: null,
      windowEnd: T0 + 1_000_000,
      previousWatermark: null,
      watermark: T0 + 1_000_000,
      rowsRead: 0,
      rowsWritten: 0,
      rowsSkippedStale: 0,
      startedAt: T0,
      completedAt: T0,
    } as MaterializationCompleted;
    await publish(env(), [{ eventType: 'MaterializationCompleted', event: done }]);
    await waitFor(
      async () => (await sql(env(), 'SELECT 1 FROM feature_ingest.view_watermarks')).length === 1,
      { timeoutMs: 20_000 },
    );
    const res = await push({
      featureView: 'driver_stats',
      batchId: 'b-late',
      rows: [
        { driver_id: 5, event_ts: T0 + 1_000_000 },
        { driver_id: 5, event_ts: T0 + 2_000_000 },
      ],
    });
    expect(res.body.lateRows).toBe(1);
    await topic.until(() => topic.of('LateDataDetected', 'b-late').length === 1, 'LateDataDetected b-late');
    expect(topic.of('LateDataDetected', 'b-late')[0].value).toMatchObject({
      lateRowCount: 1,
      eventTsMin: T0 + 1_000_000,
      watermark: T0 + 1_000_000,
    });
  });
});
