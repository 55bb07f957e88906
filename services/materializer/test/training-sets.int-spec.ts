import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import { nowMicros } from '@provenant/contracts';
import { useTestEnv, waitFor } from '@provenant/testing';
import { collectEvents, entity, publish, service, view } from './fixtures/definition-events';
import { cli, http, readOnlyUrl, spawnFeatureIngest, startMaterializer } from './fixtures/services';

const nodeRequire = (process as any).getBuiltinModule('node:module').createRequire(__filename);
const S = 1_000_000;
const T = 1_767_261_600_000_000; // 2026-01-01T10:00:00Z in µs
const iso = (us: number) =>
  new Date(Math.floor(us / 1000)).toISOString().replace('Z', `${String(us % 1000).padStart(3, '0')}Z`);

describe('materializer: point-in-time training sets', () => {
  const env = useTestEnv();
  // Nested, so its afterAll (closing the services) runs before the harness drops the database.
  describe('from the offline store written by feature-ingest', () => {
    let ingest: { url: string; stop: () => void };
    let reader: { url: string; drop: () => Promise<void> };
    let app: INestApplication;
    let url: string;
    let dir: string;
    let asOfBeforeLate: number;
    let topic: Awaited<ReturnType<typeof collectEvents>>;
    const run = (args: string[], at = url) => cli(args, { PROVENANT_MATERIALIZER_URL: at });
    let lastPush = 0;
    const push = async (featureView: string, rows: Record<string, unknown>[]) => {
      lastPush = Date.now();
      const res = await http(
        'POST',
        `${ingest.url}/features/push`,
        { featureView, rows },
        'dev-pipeline-token',
      );
      expect(res.status).toBe(200);
    };
    const entityCsv = [
      'driver_id,origin,destination,event_timestamp,label',
      `1,AMS,CDG,${iso(T)},a`, // latest d1 row; route row 100 days old (ttl 0: still used)
      `2,AMS,LHR,${iso(T)},b`, // a row exactly at t: included
      `3,AMS,CDG,${iso(T)},c`, // two rows at the same event_ts in one batch: the later one
      `4,AMS,CDG,${iso(T)},d`, // same event_ts in two batches: the later created_ts
      `9,AMS,CDG,${iso(T)},e`, // no rows at all: nulls
      `1,AMS,CDG,${iso(T - 7200 * S)},f`, // earlier than any driver_stats row of driver 1
      `1,AMS,CDG,${iso(T)},g`, // a duplicate of the first row
      `1,AMS,CDG,${iso(T + 3600 * S)},h`, // the T row is exactly t - ttl here: excluded
    ].join('\n');

    beforeAll(async () => {
      ingest = await spawnFeatureIngest(env());
      reader = await readOnlyUrl(env());
      ({ app, url } = await startMaterializer(env(), reader.url));
      topic = await collectEvents(env(), 'provenant.datasets.v1');
      dir = await mkdtemp(join(tmpdir(), 'training-'));
      await publish(env(), [
        entity('driver', [['driver_id', 'INT64']]),
        entity('route', [
          ['origin', 'STRING'],
          ['destination', 'STRING'],
        ]),
        view(
          'driver_stats',
          ['driver'],
          [
            ['conv_rate', 'FLOAT64'],
            ['trips', 'INT64'],
          ],
          3600 * S,
        ),
        view('route_stats', ['route'], [['minutes', 'FLOAT64']], 0),
        service('ranking', [{ featureView: 'driver_stats', featureViewVersion: 1, features: ['conv_rate'] }]),
      ]);
      for (const name of ['driver_stats', 'route_stats']) {
        await waitFor(
          async () => (await http('GET', `${ingest.url}/features/views/${name}`)).status === 200,
          { timeoutMs: 30_000 },
        );
        await waitFor(
          async () => (await http('GET', `${url}/catalog/feature-views/${name}`)).status === 200,
          { timeoutMs: 30_000 },
        );
      }
      await push('driver_stats', [
        { driver_id: 1, event_ts: T - 7200 * S + 1, conv_rate: 0.05, trips: 1 }, // unseen by the T - 2h row: 1 µs too late
        { driver_id: 1, event_ts: T - 1800 * S, conv_rate: 0.2, trips: 2 },
        { driver_id: 2, event_ts: T, conv_rate: 0.5 },
        { driver_id: 3, event_ts: T - 60 * S, conv_rate: 0.7 },
        { driver_id: 3, event_ts: T - 60 * S, conv_rate: 0.8 },
        { driver_id: 4, event_ts: T - 60 * S, conv_rate: 0.9 },
        { driver_id: 1, event_ts: T, conv_rate: 0.25, trips: 3 },
      ]);
      await push('driver_stats', [{ driver_id: 4, event_ts: T - 60 * S, conv_rate: 0.95 }]);
      await push('route_stats', [
        { origin: 'AMS', destination: 'CDG', event_ts: T - 100 * 86_400 * S, minutes: 75 },
      ]);
      asOfBeforeLate = nowMicros();
      await new Promise((r) => setTimeout(r, 5));
      // Learned late: a value for driver 1 that was true just before T.
      await push('driver_stats', [{ driver_id: 1, event_ts: T - 10 * S, conv_rate: 0.3, trips: 4 }]);
      await writeFile(join(dir, 'entities.csv'), entityCsv);
    }, 120_000);

    afterAll(async () => {
      await topic?.stop();
      await app?.close();
      ingest?.stop();
      await reader?.drop().catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    }, 300_000); // starts feature-ingest: a cold start is slow on a loaded machine

    const features = 'driver_stats:conv_rate,driver_stats:trips,route_stats:minutes';
    // Per entity row of entities.csv: label, then the three features.
    const EXPECTED = [
      ['a', '0.25', '3', '75'], // (T, 0.25) is newer than the late (T - 10 s, 0.3): event time decides first
      ['b', '0.5', '', ''],
      ['c', '0.8', '', '75'],
      ['d', '0.95', '', '75'],
      ['e', '', '', '75'],
      ['f', '', '', '75'], // the route row is older still, and route_stats has no ttl
      ['g', '0.25', '3', '75'],
      ['h', '', '', '75'], // the only rows within (T, T + 1h] would be after T: none; T itself is t - ttl
    ];
    const historical = async (at: string, entities: string, refs: string, extra: string[] = []) => {
      const out = join(dir, `out-${Math.random().toString(36).slice(2)}.csv`);
      const res = await run(
        ['features', 'historical', '--entities', entities, '--features', refs, ...extra, '--out', out],
        at,
      );
      expect(res.stderr).toBe('');
      return (await csvRows(out)).slice(1);
    };
    const csvRows = async (file: string) =>
      (await readFile(file, 'utf8'))
        .trim()
        .split('\n')
        .map((l) => l.split(','));

    it('answers one row per entity row, in input order, with the values true at each row time', async () => {
      const out = join(dir, 'train.csv');
      const res = await run([
        'features',
        'historical',
        '--entities',
        join(dir, 'entities.csv'),
        '--features',
        features,
        '--out',
        out,
      ]);
      expect(res.stderr).toBe('');
      expect(res.code).toBe(0);
      const [head, ...rows] = await csvRows(out);
      expect(head).toEqual([
        'driver_id',
        'origin',
        'destination',
        'event_timestamp',
        'label',
        'driver_stats__conv_rate',
        'driver_stats__trips',
        'route_stats__minutes',
      ]);
      expect(rows.map((r) => [r[4], ...r.slice(5)])).toEqual(EXPECTED);
      expect(rows[0][3]).toBe('2026-01-01T10:00:00.000000Z');
    });

    it('excludes values learned after --as-of, and includes them without it', async () => {
      const entities = join(dir, 'late.csv');
      await writeFile(entities, `driver_id,event_timestamp\n1,${iso(T - 5 * S)}\n`);
      const without = join(dir, 'late-all.csv');
      const bounded = join(dir, 'late-asof.csv');
      await run([
        'features',
        'historical',
        '--entities',
        entities,
        '--features',
        'driver_stats:conv_rate',
        '--out',
        without,
      ]);
      await run([
        'features',
        'historical',
        '--entities',
        entities,
        '--features',
        'driver_stats:conv_rate',
        '--as-of',
        String(asOfBeforeLate),
        '--out',
        bounded,
      ]);
      expect((await csvRows(without))[1][2]).toBe('0.3');
      expect((await csvRows(bounded))[1][2]).toBe('0.2');
    });

    it('publishes TrainingSetCreated with the digest of the bytes written and what they came from', async () => {
      const out = join(dir, 'train.json');
      const res = JSON.parse(
        (
          await run([
            'features',
            'historical',
            '--entities',
            join(dir, 'entities.csv'),
            '--feature-service',
            'ranking',
            '--as-of',
            String(asOfBeforeLate),
            '--name',
            'ranking_train',
            '--out',
            out,
            '--json',
          ])
        ).stdout,
      );
      const bytes = await readFile(out);
      const digest = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
      expect(res).toMatchObject({ digest, rows: 8 });
      expect(JSON.parse(bytes.toString())[0]).toMatchObject({
        driver_id: '1',
        driver_stats__conv_rate: 0.25,
      });
      await topic.until(
        () => topic.events.some((e) => e.value.trainingSetId === res.trainingSetId),
        'TrainingSetCreated',
      );
      const event = topic.events.find((e) => e.value.trainingSetId === res.trainingSetId)!;
      expect(event.eventType).toBe('TrainingSetCreated');
      expect(event.value).toMatchObject({
        name: 'ranking_train',
        digest,
        format: 'JSON',
        rowCount: 8,
        entityRowCount: 8,
        asOf: asOfBeforeLate,
        featureRefs: ['driver_stats:conv_rate'],
        featureService: 'ranking@v1',
        featureViews: [{ name: 'driver_stats', version: 1 }],
        entityTsMin: T - 7200 * S,
        entityTsMax: T + 3600 * S,
        entityRowsDigest: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
      });
      const sha = createHash('sha256').update(entityCsv).digest('hex');
      expect(event.value.meta.used).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ kind: 'feature_view', id: 'driver_stats@v1' }),
          expect.objectContaining({ kind: 'feature_service', id: 'ranking@v1' }),
          expect.objectContaining({ kind: 'source', digest: `sha256:${sha}` }),
          expect.objectContaining({ kind: 'batch' }),
        ]),
      );
      expect(event.value.meta.generated).toEqual([
        expect.objectContaining({ kind: 'dataset', id: `ranking_train@${digest}` }),
      ]);
    });

    it('reads Parquet entity rows and writes Parquet with exact microsecond times and typed columns', async () => {
      const { parquetWriteFile } = nodeRequire('hyparquet-writer');
      const { parquetReadObjects } = nodeRequire('hyparquet');
      const entities = join(dir, 'entities.parquet');
      parquetWriteFile({
        filename: entities,
        schema: [
          { name: 'root', num_children: 2 },
          { name: 'driver_id', type: 'INT64', repetition_type: 'REQUIRED' },
          {
            name: 'event_timestamp',
            type: 'INT64',
            repetition_type: 'REQUIRED',
            logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MICROS' },
          },
        ],
        columnData: [
          { name: 'driver_id', data: [3n, 1n] },
          { name: 'event_timestamp', data: [BigInt(T - 60 * S), BigInt(T - 3600 * S)] },
        ],
      });
      const out = join(dir, 'train.parquet');
      const res = await run([
        'features',
        'historical',
        '--entities',
        entities,
        '--features',
        'driver_stats:conv_rate,driver_stats:trips',
        '--out',
        out,
      ]);
      expect(res.stderr).toBe('');
      expect(res.code).toBe(0);
      const rows = await parquetReadObjects({
        file: new Uint8Array(await readFile(out)).buffer,
        parsers: { timestampFromMicroseconds: (v: bigint) => v },
      });
      expect(rows).toEqual([
        {
          driver_id: 3n,
          event_timestamp: BigInt(T - 60 * S),
          driver_stats__conv_rate: 0.8,
          driver_stats__trips: null,
        },
        // ttl 1 h: the row at T - 2 h + 1 µs is just inside (T - 1 h - 1 h, T - 1 h].
        {
          driver_id: 1n,
          event_timestamp: BigInt(T - 3600 * S),
          driver_stats__conv_rate: 0.05,
          driver_stats__trips: 1n,
        },
      ]);
    });

    it('rejects bad requests naming the problem, and records nothing', async () => {
      const count = async () => {
        const c = new Client({ connectionString: env().databaseUrl });
        await c.connect();
        try {
          return (await c.query('SELECT count(*)::int AS n FROM materializer.training_sets')).rows[0].n;
        } finally {
          await c.end();
        }
      };
      const before = await count();
      const post = (body: Record<string, unknown>) =>
        http('POST', `${url}/training-sets`, {
          entityRows: [{ driver_id: 1, event_timestamp: T }],
          features: ['driver_stats:conv_rate'],
          ...body,
        });
      const cases: [Record<string, unknown>, string][] = [
        [
          { features: ['driver_stats:speed'] },
          'features.0: feature view driver_stats v1 has no feature speed',
        ],
        [{ features: ['nope:x'] }, 'features.0: unknown feature view nope'],
        [
          { features: ['route_stats:minutes'] },
          'entityRows.0.origin: missing join key (feature view route_stats)',
        ],
        [
          { entityRows: [{ driver_id: 1, event_timestamp: '2026-02-30T00:00:00Z' }] },
          'entityRows.0.event_timestamp: not a timestamp: "2026-02-30T00:00:00Z"',
        ],
        [
          { entityRows: [{ driver_id: 'one', event_timestamp: T }] },
          'entityRows.0.driver_id: expected INT64, got "one" (feature view driver_stats)',
        ],
        [{ asOf: 'yesterday' }, 'asOf: not a timestamp: "yesterday"'],
        [{ format: 'xlsx' }, 'format: Invalid enum value'],
        [{ entityRows: [] }, 'entityRows: expected a non-empty array of rows'],
      ];
      for (const [body, message] of cases) {
        const res = await post(body);
        expect([res.status, res.body.message.join(' | ')]).toEqual([400, expect.stringContaining(message)]);
      }
      const viaCli = await run([
        'features',
        'historical',
        '--entities',
        join(dir, 'entities.csv'),
        '--features',
        'driver_stats:nope',
        '--out',
        join(dir, 'x.csv'),
      ]);
      expect(viaCli.code).toBe(1);
      expect(viaCli.stderr).toMatch(/has no feature nope/);
      expect(await count()).toBe(before);
    });

    // Every test above read rows ingested moments before: rows inside the commit horizon, which
    // each request reads from its own snapshot. Past the horizon they come from the in-memory
    // index; with the index off (OFFLINE_INDEX_MAX_ROWS=0), from PostgreSQL probes. All three
    // must give the same answers.
    it('answers the same from the in-memory index past the commit horizon, and from PostgreSQL probes', async () => {
      await new Promise((r) => setTimeout(r, Math.max(0, lastPush + 5_500 - Date.now())));
      const probes = await startMaterializer(env(), reader.url, { OFFLINE_INDEX_MAX_ROWS: '0' });
      try {
        const probesUrl = (await probes.app.getUrl()).replace('[::1]', '127.0.0.1');
        const entities = join(dir, 'entities.csv');
        const labelled = (rows: string[][]) => rows.map((r) => [r[4], ...r.slice(5)]);
        expect(labelled(await historical(url, entities, features))).toEqual(EXPECTED);
        expect(labelled(await historical(probesUrl, entities, features))).toEqual(EXPECTED);
        const metrics = await (await fetch(`${url}/metrics`)).text();
        const held = metrics.match(
          /provenant_offline_index_rows\{feature_view="driver_stats@v1"[^}]*\} (\d+)/,
        );
        expect(Number(held?.[1])).toBe(9); // every driver_stats row, from the index

        // As-of on indexed rows: the late value is excluded with the bound, included without it.
        const late = join(dir, 'late.csv');
        for (const at of [url, probesUrl]) {
          expect((await historical(at, late, 'driver_stats:conv_rate'))[0][2]).toBe('0.3');
          const bounded = await historical(at, late, 'driver_stats:conv_rate', [
            '--as-of',
            String(asOfBeforeLate),
          ]);
          expect(bounded[0][2]).toBe('0.2');
        }

        // A row ingested now (inside the horizon) joins the indexed ones in the same answer.
        await push('driver_stats', [{ driver_id: 9, event_ts: T - 30 * S, conv_rate: 0.99 }]);
        const withNew = EXPECTED.map((r) => (r[0] === 'e' ? ['e', '0.99', '', '75'] : r));
        expect(labelled(await historical(url, entities, features))).toEqual(withNew);
        expect(labelled(await historical(probesUrl, entities, features))).toEqual(withNew);
      } finally {
        await probes.app.close();
      }
    }, 60_000);

    it('reads the offline store with a role that cannot write it', async () => {
      const c = new Client({ connectionString: reader.url });
      await c.connect();
      try {
        await expect(
          c.query(
            `INSERT INTO feature_ingest.feature_rows (feature_view, view_version, entity_key, event_ts, created_ts, batch_id, "values") VALUES ('x', 1, '[1]', 0, 0, 'x', '{}')`,
          ),
        ).rejects.toThrow(/permission denied/);
        expect((await c.query('SELECT count(*)::int AS n FROM feature_ingest.feature_rows')).rows[0].n).toBe(
          11,
        );
      } finally {
        await c.end();
      }
    });
  });
});
