import { percentile } from './bench-result';

export interface LoadResult {
  /** Mean, median and 99th percentile latency of the successful calls, ms. */
  meanMs: number;
  p50: number;
  p99: number;
  /** Successful calls per second over the whole phase. */
  perSecond: number;
  calls: number;
  /** Failed calls (counted, not timed), and the first failure's message. */
  failed: number;
  firstError?: string;
}

/**
 * Closed loop, as k6 virtual users run the mlflow-go benchmarks: `clients` callers, each sending
 * its next request when the last one answered. `call(client)` gets the caller's index, so each
 * caller can keep state of its own. A failed call is counted and reported, not timed, so a server
 * that sheds load shows it in `failed`; with `rethrow` the first failure ends the phase instead.
 */
export async function closedLoop(
  clients: number,
  seconds: number,
  call: (client: number) => Promise<unknown>,
  { rethrow = false } = {},
): Promise<LoadResult> {
  const latencies: number[] = [];
  let failed = 0;
  let firstError: string | undefined;
  const start = performance.now();
  const end = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      while (performance.now() < end) {
        const t = performance.now();
        try {
          await call(client);
          latencies.push(performance.now() - t);
        } catch (err) {
          if (rethrow) throw err;
          failed++;
          firstError ??= (err as Error).message;
        }
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  return {
    meanMs: latencies.reduce((a, b) => a + b, 0) / latencies.length,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    perSecond: latencies.length / elapsed,
    calls: latencies.length,
    failed,
    firstError,
  };
}
