export class ServiceError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly url: string,
  ) {
    super(`${url} answered ${status}: ${typeof body === 'string' ? body : JSON.stringify(body)}`);
    this.name = 'ServiceError';
  }
}

export interface HttpClientOptions {
  baseUrl: string;
  token?: string;
  /** Retries on connection errors and 502/503/504, with exponential backoff. */
  retries?: number;
  timeoutMs?: number;
}

const RETRYABLE = new Set([502, 503, 504]);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A small JSON-over-HTTP client shared by every service client of the SDK. */
export class HttpClient {
  constructor(private readonly options: HttpClientOptions) {}

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const url = `${this.options.baseUrl}${path}`;
    const retries = this.options.retries ?? 3;
    for (let attempt = 0; ; attempt++) {
      try {
        const res = await fetch(url, {
          method,
          headers: {
            accept: 'application/json',
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
            ...(this.options.token ? { authorization: `Bearer ${this.options.token}` } : {}),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
        });
        const text = await res.text();
        const parsed: unknown =
          text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text;
        if (res.ok) return parsed as T;
        if (!RETRYABLE.has(res.status) || attempt >= retries) throw new ServiceError(res.status, parsed, url);
      } catch (err) {
        if (err instanceof ServiceError || attempt >= retries) throw err;
      }
      await sleep(100 * 2 ** attempt);
    }
  }

  get<T>(path: string) {
    return this.request<T>('GET', path);
  }

  post<T>(path: string, body: unknown) {
    return this.request<T>('POST', path, body);
  }
}
