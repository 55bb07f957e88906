import type { ChildProcess } from 'node:child_process';
import Redis from 'ioredis';
import { untilOutboxEmpty } from '@provenant/events';
import type { TestEnv } from '@provenant/testing';
import { percentile, result, type BenchResult } from '../../bench-result';
import { startFeatureIngest } from './materializer-process';

// 300 rows: the p99 of 100 was their second-worst row, and moved 200 → 800 ms between runs.
const ROWS = Number(process.env.ONLINE_BENCH_STREAM_ROWS ?? 300);
// Not timed: the first rows after feature-ingest starts pay its connections and JIT.
const WARM_UP_ROWS = 20;
const json = (url: string, body: unknown) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer dev-pipeline-token' },
    body: JSON.stringify(body),
  });

/**
 * (c) a row pushed to feature-ingest → its value in the online store, one row at a time. No floor
 * applies (it is a pipeline: ingest commit, outbox relay, Kafka, offline read, Redis write).
 * Visibility is polled every 2 ms on the entity's Redis hash (the documented layout, the field
 * get-online-features reads), and each row is then read once through get-online-features, which
 * must answer PRESENT. Polling through the service instead made the measure load what it measured:
 * with the serving log on, every poll is a logged FeatureVectorServed, hundreds per row. It starts
 * once the materializer's outbox is empty: the serving phases before it leave tens of MB of
 * serving log to publish, a burst of this bench's own making that the rows would queue behind.
 */
export async function streamBench(
  env: TestEnv,
  materializerUrl: string,
  progress: (l: string) => void,
): Promise<BenchResult[]> {
  let ingest: { url: string; child: ChildProcess } | undefined;
  const redis = new Redis(env.redisUrl);
  try {
    await untilOutboxEmpty(env.databaseUrl, 'materializer', 300_000, (left) =>
      progress(`stream: waiting for the materializer to publish its serving log (${left} events left)`),
    );
    ingest = await startFeatureIngest(env);
    progress(`stream: ${WARM_UP_ROWS} + ${ROWS} rows pushed one by one, each until visible online`);
    const latencies: number[] = [];
    for (let i = 0; i < WARM_UP_ROWS + ROWS; i++) {
      const id = 1_000_000 + i;
      const t = performance.now();
      const pushed = await json(`${ingest.url}/features/push`, {
        featureView: 'bench',
        rows: [{ driver_id: id, event_ts: Date.now() * 1000, f0: i }],
      });
      if (pushed.status !== 200) throw new Error(`push answered ${pushed.status}`);
      const key = `${env.redisKeyPrefix}fs:{"driver_id":${id}}`;
      while ((await redis.hget(key, 'bench@v1:f0')) === null) {
        if (performance.now() - t > 10_000) throw new Error(`row ${id} not online after 10 s`);
        await new Promise((r) => setTimeout(r, 2));
      }
      if (i >= WARM_UP_ROWS) latencies.push(performance.now() - t);
      const served = (await (
        await json(`${materializerUrl}/get-online-features`, {
          features: ['bench:f0'],
          entities: { driver_id: [id] },
        })
      ).json()) as { results: { statuses: string[]; values: unknown[] }[] };
      if (served.results[1].statuses[0] !== 'PRESENT' || served.results[1].values[0] !== i)
        throw new Error(`row ${id}: in Redis but served ${JSON.stringify(served.results[1])}`);
    }
    return [
      result('push → online p50', percentile(latencies, 50), 'ms', null, 'p99 <= 500 ms'),
      result('push → online p99', percentile(latencies, 99), 'ms', null, 'p99 <= 500 ms'),
    ];
  } finally {
    ingest?.child.kill('SIGTERM');
    redis.disconnect();
  }
}
