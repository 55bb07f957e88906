import http from 'node:http';

export interface LoadResult {
  p50: number;
  p99: number;
  perSecond: number;
}

export const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** Closed loop: `clients` callers, each sending its next request when the last answered. */
export async function closedLoop(
  clients: number,
  seconds: number,
  call: () => Promise<void>,
): Promise<LoadResult> {
  const latencies: number[] = [];
  const end = performance.now() + seconds * 1000;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        await call();
        latencies.push(performance.now() - t);
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    perSecond: latencies.length / elapsed,
  };
}

let agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

/**
 * Fresh connections for the next phase: a server closes keep-alive sockets idle for 5 s (Node's
 * default), and reusing one it just closed fails with "socket hang up".
 */
export function resetAgent(): void {
  agent.destroy();
  agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
}

/** A keep-alive JSON POST: the same client for the service and for its floor. */
export function post(url: string, body: string, headers: Record<string, string> = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', ...headers } },
      (res) => {
        res.resume();
        res.on('end', () =>
          res.statusCode === 200 ? resolve() : reject(new Error(`${url}: ${res.statusCode}`)),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

export const closeAgent = () => agent.destroy();
