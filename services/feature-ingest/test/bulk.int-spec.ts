import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { useTestEnv } from '@provenant/testing';
import { entityApplied, publish, viewApplied } from './fixtures/definition-events';
import { cli } from './fixtures/cli';
import { sql, startIngest, untilViewKnown } from './fixtures/ingest-app';

// hyparquet-writer is ESM-only; Node's own require loads it where Jest's cannot.
const nodeRequire = (process as any).getBuiltinModule('node:module').createRequire(__filename);

const T0 = 1_767_261_600_000_000; // 2026-01-01T10:00:00Z in µs

describe('feature-ingest: bulk backfill from files (npx provenant features ingest)', () => {
  const env = useTestEnv();
  let app: INestApplication;
  let dir: string;
  let cliEnv: Record<string, string>;
  const count = async (where = '') =>
    (await sql(env(), `SELECT count(*)::int AS n FROM feature_ingest.feature_rows ${where}`))[0].n;

  beforeAll(async () => {
    let url: string;
    ({ app, url } = await startIngest(env()));
    cliEnv = { PROVENANT_FEATURE_INGEST_URL: url };
    dir = await mkdtemp(join(tmpdir(), 'backfill-'));
    await publish(env(), [
      { eventType: 'EntityApplied', event: entityApplied('driver', [['driver_id', 'INT64']]) },
      {
        eventType: 'FeatureViewApplied',
        event: viewApplied(
          'driver_stats',
          ['driver'],
          [
            ['conv_rate', 'FLOAT64'],
            ['trips', 'INT64'],
            ['last_seen', 'UNIX_TIMESTAMP'],
          ],
        ),
      },
    ]);
    await untilViewKnown(url, 'driver_stats');
  });

  afterAll(async () => {
    await app?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('backfills a CSV, naming each rejected row by its position in the file', async () => {
    const file = join(dir, 'stats.csv');
    await writeFile(
      file,
      'driver_id,event_ts,conv_rate,trips\n1,2026-01-01T10:00:00.000001Z,0.5,3\n2,2026-01-01T10:00:00Z,oops,4\n3,2026-01-01 11:00:00.25,,7\n',
    );
    const out = await cli(
      ['features', 'ingest', '--view', 'driver_stats', '--file', file, '--batch-size', '2'],
      cliEnv,
    );
    expect(out.code).toBe(1); // rows were rejected
    expect(out.stdout).toMatch(/3 rows read .*: 2 accepted, 1 rejected/);
    expect(out.stdout).toMatch(/row 1: WRONG_TYPE conv_rate: expected FLOAT64, got string "oops"/);
    const rows = await sql(
      env(),
      `SELECT entity_key, event_ts::text, "values", batch_id FROM feature_ingest.feature_rows ORDER BY ingestion_seq`,
    );
    expect(rows.map((r) => [r.entity_key, r.event_ts, r.values])).toEqual([
      ['[1]', String(T0 + 1), { conv_rate: 0.5, trips: 3 }],
      ['[3]', String(T0 + 3_600_250_000), { trips: 7 }],
    ]);
    const batches = await sql(
      env(),
      `SELECT source, source_uri FROM feature_ingest.ingest_batches WHERE batch_id = $1`,
      [rows[0].batch_id],
    );
    expect(batches).toEqual([{ source: 'BULK', source_uri: `file://${file}` }]);
  });

  it('writes nothing twice when the same file is backfilled again', async () => {
    const before = await count();
    const out = await cli(
      [
        'features',
        'ingest',
        '--view',
        'driver_stats',
        '--file',
        join(dir, 'stats.csv'),
        '--batch-size',
        '2',
        '--json',
      ],
      cliEnv,
    );
    expect(JSON.parse(out.stdout)).toMatchObject({ rows: 3, accepted: 0, duplicateBatches: 2 });
    expect(await count()).toBe(before);
  });

  it('backfills Parquet with typed columns and microsecond timestamps', async () => {
    const file = join(dir, 'stats.parquet');
    const { parquetWriteFile } = nodeRequire('hyparquet-writer');
    const micros = {
      type: 'INT64',
      repetition_type: 'OPTIONAL',
      logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MICROS' },
    };
    parquetWriteFile({
      filename: file,
      rowGroupSize: 2,
      schema: [
        { name: 'root', num_children: 5 },
        { name: 'driver_id', type: 'INT64', repetition_type: 'REQUIRED' },
        { name: 'event_ts', ...micros },
        { name: 'conv_rate', type: 'DOUBLE', repetition_type: 'OPTIONAL' },
        { name: 'trips', type: 'INT64', repetition_type: 'OPTIONAL' },
        { name: 'last_seen', ...micros },
      ],
      columnData: [
        { name: 'driver_id', data: [10n, 11n, 12n] },
        { name: 'event_ts', data: [BigInt(T0 + 11), BigInt(T0 + 12), BigInt(T0 + 13)] },
        { name: 'conv_rate', data: [0.25, null, 0.75] },
        { name: 'trips', data: [1n, 2n, null] },
        { name: 'last_seen', data: [BigInt(T0 - 5), null, null] },
      ],
    });
    const out = await cli(['features', 'ingest', '--view', 'driver_stats', '--file', file, '--json'], cliEnv);
    expect(out.stderr).toBe('');
    expect(JSON.parse(out.stdout)).toMatchObject({ rows: 3, accepted: 3, rejected: 0 });
    const rows = await sql(
      env(),
      `SELECT entity_key, event_ts::text, "values" FROM feature_ingest.feature_rows WHERE entity_key IN ('[10]','[11]','[12]') ORDER BY entity_key`,
    );
    expect(rows).toEqual([
      {
        entity_key: '[10]',
        event_ts: String(T0 + 11),
        values: { conv_rate: 0.25, trips: 1, last_seen: T0 - 5 },
      },
      { entity_key: '[11]', event_ts: String(T0 + 12), values: { trips: 2 } },
      { entity_key: '[12]', event_ts: String(T0 + 13), values: { conv_rate: 0.75 } },
    ]);
  });

  it('streams a 1M-row backfill in bounded memory', async () => {
    const backfill = async (rows: number, first: number) => {
      const file = join(dir, `rows-${rows}.csv`);
      const out = createWriteStream(file);
      out.write('driver_id,event_ts,conv_rate,trips\n');
      for (let i = 0; i < rows; i++)
        out.write(`${first + (i % 50_000)},${T0 + i},${(i % 1000) / 1000},${i % 97}\n`);
      await new Promise((r) => out.end(r));
      // A 96 MB old-space cap: holding 1M parsed rows (~200 B each) would exceed it and crash
      // the CLI, so finishing at all proves the backfill is streamed.
      const result = await cli(['features', 'ingest', '--view', 'driver_stats', '--file', file, '--json'], {
        ...cliEnv,
        NODE_OPTIONS: '--max-old-space-size=96',
      });
      expect(result.stderr).toBe('');
      return JSON.parse(result.stdout);
    };
    const before = await count();
    const small = await backfill(100_000, 100_000);
    const large = await backfill(1_000_000, 200_000);
    expect(large).toMatchObject({ rows: 1_000_000, accepted: 1_000_000, rejected: 0, batches: 100 });
    expect(await count()).toBe(before + 1_100_000);
    // RSS peaks are noisy (GC timing), so only a loose ceiling here; the heap cap above is the proof.
    expect(large.peakRssMb).toBeLessThan(small.peakRssMb + 160);
    process.stdout.write(
      `backfill: 100k rows peak RSS ${small.peakRssMb} MB; 1M rows ${Math.round(large.rowsPerSecond)} rows/s, peak RSS ${large.peakRssMb} MB\n`,
    );
  }, 300_000);
});
