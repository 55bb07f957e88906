import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { subject, type FeatureRowBatch } from '@provenant/contracts';
import { waitFor, type TestEnv } from '@provenant/testing';
import { result, type BenchResult } from '../../bench-result';
import { benchDefinitions, FEATURES, metas, publish, wire, withProducer } from '../../bench-definitions';
import { startService } from '../../service-process';

const BATCHES = 200;
const ROWS = 1_000;
const T0 = 1_767_225_600_000_000;

function batchOf(b: number): FeatureRowBatch {
  const rows = Array.from({ length: ROWS }, (_, i) => ({
    entityKey: { driver_id: (b * ROWS + i) % 10_000 },
    eventTs: T0 + (b * ROWS + i) * 1000,
    features: Object.fromEntries(FEATURES.map((f, k) => [f, { double: ((i + k) % 100) / 100 }])),
  }));
  return {
    meta: metas.create({ subject: subject('feature_view', 'bench_ingest') }),
    batchId: `bench-${b}`,
    featureView: 'bench_ingest',
    featureViewVersion: null,
    rows,
  };
}

async function query<T = any>(env: TestEnv, sql: string): Promise<T[]> {
  const c = new Client({ connectionString: env.databaseUrl });
  await c.connect();
  try {
    return (await c.query(sql)).rows;
  } finally {
    await c.end();
  }
}

/** The floor: the same rows COPYed into a table shaped and indexed like the offline store. */
async function copyFloor(env: TestEnv, batches: FeatureRowBatch[]): Promise<number> {
  await query(env, 'CREATE TABLE feature_ingest.copy_floor (LIKE feature_ingest.feature_rows INCLUDING ALL)');
  const c = new Client({ connectionString: env.databaseUrl });
  await c.connect();
  try {
    const lines = function* () {
      for (const b of batches)
        for (const r of b.rows) {
          const values = JSON.stringify(
            Object.fromEntries(
              Object.entries(r.features).map(([k, v]) => [k, (v as { double: number }).double]),
            ),
          );
          yield `bench_ingest\t1\t[${r.entityKey.driver_id}]\t${r.eventTs}\t${T0}\t${b.batchId}\t${values.replace(/\\/g, '\\\\')}\n`;
        }
    };
    const started = process.hrtime.bigint();
    await pipeline(
      Readable.from(lines()),
      c.query(
        copyFrom(
          'COPY feature_ingest.copy_floor (feature_view, view_version, entity_key, event_ts, created_ts, batch_id, "values") FROM STDIN',
        ),
      ),
    );
    return (BATCHES * ROWS) / (Number(process.hrtime.bigint() - started) / 1e9);
  } finally {
    await c.end();
  }
}

/** (a) FeatureRowBatch events on the data-plane topic → validated rows in the offline store. */
export async function ingestBench(env: TestEnv, progress: (line: string) => void): Promise<BenchResult[]> {
  // OFFLINE_BENCH_CPU_PROF=DIR writes a V8 CPU profile of feature-ingest (on its graceful exit).
  const ingest = await startService('feature-ingest', env, {
    cpuProfDir: process.env.OFFLINE_BENCH_CPU_PROF,
  });
  try {
    await publish(env, benchDefinitions('bench_ingest', 0));
    await waitFor(
      async () =>
        (
          await fetch(`${ingest.url}/features/views/bench_ingest`, {
            headers: { authorization: 'Bearer dev-pipeline-token' },
          })
        ).status === 200,
      { timeoutMs: 30_000 },
    );
    const batches = Array.from({ length: BATCHES }, (_, b) => batchOf(b));
    const messages = batches.map((e) => ({
      key: 'bench_ingest',
      value: wire.encode('FeatureRowBatch', e),
      headers: wire.headersOf('FeatureRowBatch', e),
    }));
    progress(`ingest: producing ${BATCHES} batches of ${ROWS} rows`);
    const started = process.hrtime.bigint();
    await withProducer(env, async (p) => {
      // A 1,000-row batch is ~150 KB; five per request stays under the broker's 1 MB limit.
      for (let i = 0; i < messages.length; i += 5)
        await p.send({ topic: env.topic('provenant.feature-rows.v1'), messages: messages.slice(i, i + 5) });
    });
    progress(`ingest: produced in ${(Number(process.hrtime.bigint() - started) / 1e6).toFixed(0)} ms`);
    await waitFor(
      async () =>
        (await query(env, 'SELECT count(*)::int AS n FROM feature_ingest.ingest_batches'))[0].n >= BATCHES,
      { timeoutMs: 300_000, intervalMs: 50 },
    );
    const rowsPerSecond = (BATCHES * ROWS) / (Number(process.hrtime.bigint() - started) / 1e9);
    progress(`ingest: ${Math.round(rowsPerSecond)} rows/s; COPY floor next`);
    const floor = await copyFloor(env, batches);
    return [
      result(
        'ingest from Kafka into the offline store',
        rowsPerSecond,
        'rows/s',
        floor,
        '>= 100000 rows/s and >= 0.5 x COPY',
      ),
      result('feature-ingest peak RSS', ingest.peakRssMb(), 'MB', null, 'report'),
    ];
  } finally {
    await ingest.stop();
  }
}
