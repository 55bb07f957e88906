import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { waitFor, type TestEnv } from '@provenant/testing';
import { result, type BenchResult } from '../../bench-result';
import { benchDefinitions, FEATURES, publish } from '../../bench-definitions';
import { checkOurs, duckdbAsof } from './duckdb-asof';
import { startService } from '../../service-process';

const DRIVERS = 10_000;
const PER_DRIVER = 100; // 1M feature rows
const ENTITY_ROWS = 100_000;
const T0 = 1_767_225_600_000_000;
const STEP = 60_000_000; // one row per driver per minute

const nodeRequire = (process as unknown as { getBuiltinModule(id: string): typeof import('node:module') })
  .getBuiltinModule('node:module')
  .createRequire(__filename);

/** Deterministic pseudo-random numbers, so every run joins the same rows. */
/**
 * A 31-bit LCG, reproducible run to run. Math.imul keeps the product exact: in plain doubles
 * `s * 1_103_515_245` passes 2^53, and the old generator cycled through fewer than 8,000 distinct
 * (driver, time) pairs for its 100,000 rows.
 */
function lcg(seed: number) {
  let s = seed;
  return () => (s = (Math.imul(s, 1_103_515_245) + 12_345) & 0x7fffffff) / 2_147_483_648;
}

const featureValue = (d: number, k: number, f: number) => ((d * 31 + k * 7 + f) % 1000) / 1000;
const eventTs = (d: number, k: number) => T0 + k * STEP + (d % 60) * 1_000_000;

/** Setup (not measured): the 1M rows straight into the offline store, and the same rows as Parquet. */
async function loadFeatures(env: TestEnv, dir: string): Promise<void> {
  const c = new Client({ connectionString: env.databaseUrl });
  await c.connect();
  try {
    const lines = function* () {
      for (let d = 0; d < DRIVERS; d++)
        for (let k = 0; k < PER_DRIVER; k++)
          yield `bench_pit\t1\t[${d}]\t${eventTs(d, k)}\t${T0}\tbench\t${JSON.stringify(Object.fromEntries(FEATURES.map((f, i) => [f, featureValue(d, k, i)])))}\n`;
    };
    await pipeline(
      Readable.from(lines()),
      c.query(
        copyFrom(
          'COPY feature_ingest.feature_rows (feature_view, view_version, entity_key, event_ts, created_ts, batch_id, "values") FROM STDIN',
        ),
      ),
    );
    // The batch as feature-ingest records it (an hour old): the point-in-time index loads rows up
    // to the last batch committed before its horizon.
    await c.query(
      `INSERT INTO feature_ingest.ingest_batches (batch_id, feature_view, view_version, source, policy, total_rows,
         accepted, rejected, created_ts, event_ts_min, event_ts_max, ingestion_seq_first, ingestion_seq_last, actor)
       SELECT batch_id, 'bench_pit', 1, 'bulk', 'REJECT_ALL', count(*), count(*), 0, $1, min(event_ts), max(event_ts),
              min(ingestion_seq), max(ingestion_seq), 'bench'
       FROM feature_ingest.feature_rows WHERE feature_view = 'bench_pit' GROUP BY batch_id`,
      [Date.now() * 1000 - 3_600_000_000],
    );
    await c.query('ANALYZE feature_ingest.feature_rows');
  } finally {
    await c.end();
  }
  const n = DRIVERS * PER_DRIVER;
  const ids = new BigInt64Array(n);
  const ts = new BigInt64Array(n);
  const cols = FEATURES.map(() => new Float64Array(n));
  for (let d = 0, i = 0; d < DRIVERS; d++)
    for (let k = 0; k < PER_DRIVER; k++, i++) {
      ids[i] = BigInt(d);
      ts[i] = BigInt(eventTs(d, k));
      cols.forEach((col, f) => (col[i] = featureValue(d, k, f)));
    }
  const micros = {
    type: 'INT64',
    repetition_type: 'REQUIRED',
    logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MICROS' },
  };
  nodeRequire('hyparquet-writer').parquetWriteFile({
    filename: join(dir, 'features.parquet'),
    schema: [
      { name: 'root', num_children: 2 + FEATURES.length },
      { name: 'driver_id', type: 'INT64', repetition_type: 'REQUIRED' },
      { name: 'event_ts', ...micros },
      ...FEATURES.map((f) => ({ name: f, type: 'DOUBLE', repetition_type: 'REQUIRED' })),
    ],
    columnData: [
      { name: 'driver_id', data: ids },
      { name: 'event_ts', data: ts },
      ...FEATURES.map((f, i) => ({ name: f, data: cols[i] })),
    ],
    rowGroupSize: 100_000,
  });
}

/** Rows of bench_pit the materializer holds in its point-in-time index (its metric). */
async function indexRows(url: string): Promise<number> {
  const metrics = await (await fetch(`${url}/metrics`)).text();
  return Number(
    /provenant_offline_index_rows\{feature_view="bench_pit@v1"[^}]*\} (\d+)/.exec(metrics)?.[1] ?? 0,
  );
}

function entityRows(dir: string) {
  const rand = lcg(42);
  const rows = Array.from({ length: ENTITY_ROWS }, () => ({
    driver_id: Math.floor(rand() * DRIVERS),
    event_timestamp: T0 + Math.floor(rand() * (PER_DRIVER + 5) * STEP) - 2 * STEP,
  }));
  const micros = {
    type: 'INT64',
    repetition_type: 'REQUIRED',
    logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MICROS' },
  };
  nodeRequire('hyparquet-writer').parquetWriteFile({
    filename: join(dir, 'entities.parquet'),
    schema: [
      { name: 'root', num_children: 3 },
      { name: 'rn', type: 'INT64', repetition_type: 'REQUIRED' },
      { name: 'driver_id', type: 'INT64', repetition_type: 'REQUIRED' },
      { name: 'event_timestamp', ...micros },
    ],
    columnData: [
      { name: 'rn', data: rows.map((_, i) => BigInt(i)) },
      { name: 'driver_id', data: rows.map((r) => BigInt(r.driver_id)) },
      { name: 'event_timestamp', data: rows.map((r) => BigInt(r.event_timestamp)) },
    ],
  });
  return rows;
}

/** (b) 100k entity rows against 1M feature rows × 10 features, as Parquet, vs DuckDB's ASOF JOIN. */
export async function pitBench(env: TestEnv, progress: (line: string) => void): Promise<BenchResult[]> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-pit-'));
  const ingest = await startService('feature-ingest', env); // owns the offline store's schema
  // OFFLINE_BENCH_CPU_PROF=DIR writes a V8 CPU profile of the materializer (on its graceful exit).
  const materializer = await startService('materializer', env, {
    cpuProfDir: process.env.OFFLINE_BENCH_CPU_PROF,
  });
  try {
    await publish(env, benchDefinitions('bench_pit', 0));
    await waitFor(
      async () =>
        (
          await fetch(`${materializer.url}/catalog/feature-views/bench_pit`, {
            headers: { authorization: 'Bearer dev-scientist-token' },
          })
        ).status === 200,
      { timeoutMs: 30_000 },
    );
    progress('pit: loading 1M feature rows (offline store and Parquet)');
    await loadFeatures(env, dir);
    const rows = entityRows(dir);
    const request = async (entity: typeof rows) => {
      const started = process.hrtime.bigint();
      const res = await fetch(`${materializer.url}/training-sets`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer dev-scientist-token' },
        body: JSON.stringify({
          entityRows: entity,
          features: FEATURES.map((f) => `bench_pit:${f}`),
          format: 'parquet',
          name: 'bench',
        }),
      });
      const bytes = Buffer.from(await res.arrayBuffer());
      if (res.status !== 201) throw new Error(`training set failed: ${res.status} ${bytes.toString()}`);
      return { seconds: Number(process.hrtime.bigint() - started) / 1e9, bytes };
    };
    // Warm-up: JIT, pool, catalog. It also starts loading the view's in-memory index (1M rows is
    // above OFFLINE_INDEX_SYNC_LOAD_ROWS, so in the background, the request probing PostgreSQL).
    const loadStarted = process.hrtime.bigint();
    await request(rows.slice(0, 1000));
    progress('pit: waiting for the in-memory index of the 1M rows');
    await waitFor(async () => (await indexRows(materializer.url)) === DRIVERS * PER_DRIVER, {
      timeoutMs: 300_000,
      intervalMs: 100,
    });
    const loadSeconds = Number(process.hrtime.bigint() - loadStarted) / 1e9;
    progress('pit: 100k entity rows through the materializer');
    const ours = await request(rows);
    await writeFile(join(dir, 'ours.parquet'), ours.bytes);
    const floor = await duckdbAsof(dir);
    const same = await checkOurs(join(dir, 'ours.parquet'));
    if (same.nonNull !== floor.nonNull || Math.abs(same.sum - floor.sum) > 1e-6)
      throw new Error(`results differ from DuckDB: ${JSON.stringify(same)} vs ${JSON.stringify(floor)}`);
    return [
      result(
        'point-in-time 100k entity rows x 1M rows x 10 features (Parquet out)',
        ours.seconds,
        's',
        floor.seconds,
        '<= 3 x DuckDB ASOF JOIN and <= 2 s',
      ),
      result(
        'point-in-time index load, 1M rows (once per view and process)',
        loadSeconds,
        's',
        null,
        'report',
      ),
      result('materializer peak RSS', materializer.peakRssMb(), 'MB', null, 'report'),
    ];
  } finally {
    await materializer.stop();
    await ingest.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
