import { context, propagation } from '@opentelemetry/api';

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

export interface RawResponse {
  status: number;
  headers: Headers;
  bytes: Buffer;
}

const RETRYABLE = new Set([502, 503, 504]);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A small JSON-over-HTTP client shared by every service client of the SDK. It carries the
 * caller's trace context (W3C `traceparent`), so a pipeline's spans and the services' spans form
 * one trace: Node's fetch is not auto-instrumented, hence the explicit injection.
 */
export class HttpClient {
  constructor(private readonly options: HttpClientOptions) {}

  get baseUrl(): string {
    return this.options.baseUrl;
  }

  async raw(method: string, path: string, body?: unknown, contentType?: string): Promise<RawResponse> {
    const url = `${this.options.baseUrl}${path}`;
    const retries = this.options.retries ?? 3;
    const isBytes = body instanceof Uint8Array;
    for (let attempt = 0; ; attempt++) {
      const headers: Record<string, string> = {
        accept: 'application/json, */*',
        ...(body === undefined
          ? {}
          : { 'content-type': contentType ?? (isBytes ? 'application/octet-stream' : 'application/json') }),
        ...(this.options.token ? { authorization: `Bearer ${this.options.token}` } : {}),
      };
      propagation.inject(context.active(), headers);
      try {
        const res = await fetch(url, {
          method,
          headers,
          body: body === undefined ? undefined : isBytes ? body : JSON.stringify(body),
          signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
        });
        const bytes = Buffer.from(await res.arrayBuffer());
        if (res.ok || !RETRYABLE.has(res.status) || attempt >= retries)
          return { status: res.status, headers: res.headers, bytes };
      } catch (err) {
        if (attempt >= retries) throw err;
      }
      await sleep(100 * 2 ** attempt);
    }
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await this.raw(method, path, body);
    const text = res.bytes.toString('utf8');
    const parsed: unknown =
      text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text;
    if (res.status >= 200 && res.status < 300) return parsed as T;
    throw new ServiceError(res.status, parsed, `${this.options.baseUrl}${path}`);
  }

  get<T>(path: string, query?: Record<string, string | number | boolean | undefined>) {
    return this.request<T>('GET', query ? `${path}?${queryString(query)}` : path);
  }

  post<T>(path: string, body: unknown) {
    return this.request<T>('POST', path, body);
  }

  put<T>(path: string, body: unknown) {
    return this.request<T>('PUT', path, body);
  }
}

export function queryString(query: Record<string, string | number | boolean | undefined>): string {
  return Object.entries(query)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&');
}
