import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import Redis from 'ioredis';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { TestEnv } from '@provenant/testing';
import { result, type BenchResult } from '../../bench-result';
import { startFeatureIngest, startMaterializer } from './materializer-process';

const VIEW = 'batch';
const FEATURES = 5;
const BATCH_ROWS = 10_000; // rows per ingest batch, as a bulk backfill makes them
// Entities repeat past this, so 10M rows need no more Redis than 1M (each later row is newer).
const MAX_ENTITIES = 1_000_000;
const HEAP_MB = Number(process.env.ONLINE_BENCH_HEAP_MB ?? 256);
const T0 = (Date.now() - 3_600_000) * 1000; // µs; committed long before the 5 s commit horizon

const entityOf = (i: number, rows: number) => i % Math.min(rows, MAX_ENTITIES);
const valuesOf = (i: number) =>
  Object.fromEntries(Array.from({ length: FEATURES }, (_, f) => [`f${f}`, ((i * 31 + f) % 1000) / 7]));

/** Offline rows straight into feature-ingest's tables with COPY (its bulk path is benched apart). */
async function seed(env: TestEnv, rows: number) {
  const pg = new Client({ connectionString: env.databaseUrl });
  await pg.connect();
  try {
    await pipeline(
      Readable.from(
        (function* () {
          for (let i = 0; i < rows; i++) {
            const batch = `batch-${Math.floor(i / BATCH_ROWS)}`;
            yield `${VIEW}\t1\t[${entityOf(i, rows)}]\t${T0 + i}\t${T0 + i}\t${batch}\t${JSON.stringify(valuesOf(i))}\n`;
          }
        })(),
      ),
      pg.query(
        copyFrom(
          `COPY feature_ingest.feature_rows (feature_view, view_version, entity_key, event_ts, created_ts, batch_id, "values") FROM STDIN`,
        ),
      ),
    );
    // The batches as feature-ingest records them: the incremental run's snapshot reads these.
    await pg.query(
      `INSERT INTO feature_ingest.ingest_batches (batch_id, feature_view, view_version, source, policy, total_rows,
         accepted, rejected, created_ts, event_ts_min, event_ts_max, ingestion_seq_first, ingestion_seq_last, actor)
       SELECT batch_id, $1, 1, 'bulk', 'reject', count(*), count(*), 0, $2, min(event_ts), max(event_ts),
              min(ingestion_seq), max(ingestion_seq), 'bench'
       FROM feature_ingest.feature_rows WHERE feature_view = $1 GROUP BY batch_id`,
      [VIEW, T0],
    );
  } finally {
    await pg.end();
  }
}

/** The floor: the same hashes (same keys, fields and values) with pipelined HSETs, no script. */
async function rawWrites(redis: Redis, prefix: string, rows: number): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < rows; i += BATCH_ROWS) {
    const p = redis.pipeline();
    for (let j = i; j < Math.min(rows, i + BATCH_ROWS); j++) {
      const fields = Object.entries(valuesOf(j)).flatMap(([f, v]) => [`${VIEW}@v1:${f}`, JSON.stringify(v)]);
      p.hset(
        `${prefix}floor:fs:{"driver_id":${entityOf(j, rows)}}`,
        `_ts:${VIEW}@v1`,
        `${T0 + j} ${T0 + j} ${j}`,
        `_b:${VIEW}@v1`,
        `batch-${Math.floor(j / BATCH_ROWS)}`,
        '_exp',
        '0',
        ...fields,
      );
    }
    await p.exec();
  }
  return rows / ((performance.now() - start) / 1000);
}

/** From /proc (Linux): VmRSS now, VmHWM the peak since the process started; NaN once it exited. */
const memoryMb = (pid: number, field: 'VmHWM' | 'VmRSS') => {
  let status = '';
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return NaN; // reaped
  }
  const found = new RegExp(`${field}:\\s+(\\d+) kB`).exec(status);
  return found ? Number(found[1]) / 1024 : NaN; // a zombie has no VmRSS
};

/**
 * The run answers only when it is done: Node's fetch would give up after undici's 300 s headers
 * timeout, which a 10M-row run exceeds. node:http sets no such limit.
 */
function postJson(url: string, body: unknown): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer dev-pipeline-token' },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => {
          try {
            resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) });
          } catch {
            reject(new Error(`${url} answered ${res.statusCode}: ${text.slice(0, 200)}`));
          }
        });
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

/**
 * (d) batch materialization of `rows` offline rows (5 features) into Redis by an incremental run,
 * beside the raw pipelined HSETs of the same hashes, and the materializer's peak RSS (its own
 * process, started for this case).
 */
export async function batchBench(
  env: TestEnv,
  rows: number,
  progress: (l: string) => void,
): Promise<BenchResult[]> {
  const svc = await startMaterializer(env, FEATURES, {
    view: VIEW,
    // V8 grows the heap lazily when it may (its default limit here is GBs), so an uncapped peak
    // measures the GC's policy, not what the run needs; a deployment sets the limit. 0 = no cap.
    env: {
      MATERIALIZATION_SCHEDULER: 'off',
      ...(HEAP_MB ? { NODE_OPTIONS: `--max-old-space-size=${HEAP_MB}` } : {}),
    },
  });
  const redis = new Redis(env.redisUrl);
  try {
    await (await startFeatureIngest(env, VIEW)).stop(); // only its offline-store tables are needed
    progress(`batch: seeding ${rows.toLocaleString('en')} offline rows with COPY`);
    await seed(env, rows);
    progress('batch: floor, raw pipelined HSETs of the same hashes');
    const floor = await rawWrites(redis, env.redisKeyPrefix, Math.min(rows, MAX_ENTITIES));
    const pid = svc.child.pid!;
    const rssBefore = memoryMb(pid, 'VmRSS');
    progress(
      `batch: incremental run (RSS ${rssBefore.toFixed(0)} MB; ${memoryMb(pid, 'VmHWM').toFixed(0)} MB peak at boot)`,
    );
    // Sampled during the run: VmHWM would count the boot too (swc compiling the sources).
    let runPeak = rssBefore;
    const sampler = setInterval(() => {
      const rss = memoryMb(pid, 'VmRSS');
      if (!Number.isNaN(rss)) runPeak = Math.max(runPeak, rss);
    }, 100);
    const start = performance.now();
    const res = await postJson(`${svc.url}/materializations`, { views: [VIEW] }).finally(() =>
      clearInterval(sampler),
    );
    const seconds = (performance.now() - start) / 1000;
    const run = (res.json as { runs?: { rowsRead: number }[] }).runs?.[0];
    if (res.status !== 201 || run?.rowsRead !== rows)
      throw new Error(`materialize answered ${res.status}: ${JSON.stringify(run)}`);
    const heap = HEAP_MB ? `, heap ≤ ${HEAP_MB} MB` : '';
    const label = `${(rows / 1e6).toLocaleString('en')}M rows × ${FEATURES} features${heap}`;
    return [
      result(
        `batch materialization ${label} (floor: raw pipelined HSET)`,
        rows / seconds,
        'rows/s',
        floor,
        '>= 200000 rows/s and >= 0.5 x floor',
      ),
      result(
        `batch materialization ${label}: materializer RSS before the run`,
        rssBefore,
        'MB',
        null,
        'peak < 512 MB for 10M rows',
      ),
      result(
        `batch materialization ${label}: materializer peak RSS during the run`,
        runPeak,
        'MB',
        null,
        'peak < 512 MB for 10M rows',
      ),
    ];
  } finally {
    await svc.stop();
    redis.disconnect();
  }
}
