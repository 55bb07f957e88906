import http from 'node:http';

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
