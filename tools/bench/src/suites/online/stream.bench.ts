import type { ChildProcess } from 'node:child_process';
import type { TestEnv } from '@provenant/testing';
import { percentile, result, type BenchResult } from '../../bench-result';
import { startFeatureIngest } from './materializer-process';

// 300 rows: the p99 of 100 was their second-worst row, and moved 200 → 800 ms between runs.
const ROWS = Number(process.env.ONLINE_BENCH_STREAM_ROWS ?? 300);
const json = (url: string, body: unknown) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer dev-pipeline-token' },
    body: JSON.stringify(body),
  });

/**
 * (c) a row pushed to feature-ingest → served by get-online-features, one row at a time, polled
 * every 2 ms. No floor applies (it is a pipeline: ingest commit, outbox relay, Kafka, offline read,
 * Redis write). Needs the materializer at `materializerUrl` consuming the same topics.
 */
export async function streamBench(
  env: TestEnv,
  materializerUrl: string,
  progress: (l: string) => void,
): Promise<BenchResult[]> {
  let ingest: { url: string; child: ChildProcess } | undefined;
  try {
    ingest = await startFeatureIngest(env);
    progress(`stream: ${ROWS} rows pushed one by one, each until visible online`);
    const latencies: number[] = [];
    for (let i = 0; i < ROWS; i++) {
      const id = 1_000_000 + i;
      const t = performance.now();
      const pushed = await json(`${ingest.url}/features/push`, {
        featureView: 'bench',
        rows: [{ driver_id: id, event_ts: Date.now() * 1000, f0: i }],
      });
      if (pushed.status !== 200) throw new Error(`push answered ${pushed.status}`);
      for (;;) {
        const res = (await (
          await json(`${materializerUrl}/get-online-features`, {
            features: ['bench:f0'],
            entities: { driver_id: [id] },
          })
        ).json()) as {
          results: { statuses: string[] }[];
        };
        if (res.results[1].statuses[0] === 'PRESENT') break;
        if (performance.now() - t > 10_000) throw new Error(`row ${id} not online after 10 s`);
        await new Promise((r) => setTimeout(r, 2));
      }
      latencies.push(performance.now() - t);
    }
    return [
      result('push → online p50', percentile(latencies, 50), 'ms', null, 'p99 <= 500 ms'),
      result('push → online p99', percentile(latencies, 99), 'ms', null, 'p99 <= 500 ms'),
    ];
  } finally {
    ingest?.child.kill('SIGTERM');
  }
}
