import http from 'node:http';

export interface LoadResult {
  /** Mean latency of the successful calls, ms. */
  meanMs: number;
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
 * caller can log to its own run. A failed call is counted and reported, not timed: a server that
 * sheds load under 20 clients shows it in `failed` rather than by ending the bench.
 */
export async function closedLoop(
  clients: number,
  seconds: number,
  call: (client: number) => Promise<unknown>,
): Promise<LoadResult> {
  let total = 0;
  let calls = 0;
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
          total += performance.now() - t;
          calls++;
        } catch (err) {
          failed++;
          firstError ??= (err as Error).message;
        }
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  return { meanMs: total / calls, perSecond: calls / elapsed, calls, failed, firstError };
}

/** A keep-alive JSON client for one server; the same client drives the tracker and MLflow. */
export class JsonClient {
  private agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

  constructor(
    private readonly baseUrl: string,
    private readonly headers: Record<string, string> = {},
  ) {}

  /**
   * POSTs JSON and resolves the parsed answer (or, with `parse` false, the byte count: the load
   * loops time the server, not JSON.parse here); anything but 200 rejects with the body.
   */
  post<T = any>(path: string, body: unknown, parse = true): Promise<T> {
    return this.send<T>(path, JSON.stringify(body), parse).catch((err: Error & { retry?: boolean }) => {
      // The documented keep-alive race: the server closed an idle socket as we reused it.
      if (err.retry) return this.send<T>(path, JSON.stringify(body), parse);
      throw err;
    });
  }

  private send<T>(path: string, payload: string, parse: boolean): Promise<T> {
    return new Promise((resolve, reject) => {
      const req = http.request(
        `${this.baseUrl}${path}`,
        {
          method: 'POST',
          agent: this.agent,
          headers: { 'content-type': 'application/json', ...this.headers },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            if (res.statusCode !== 200) reject(new Error(`${path}: ${res.statusCode} ${text.slice(0, 300)}`));
            else resolve(parse ? (text ? JSON.parse(text) : {}) : (text.length as T));
          });
        },
      );
      req.on('error', (err: Error & { code?: string }) =>
        reject(
          Object.assign(new Error(`${path}: ${err.message}`), {
            retry: req.reusedSocket && err.code === 'ECONNRESET',
          }),
        ),
      );
      req.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
