import { context, propagation } from '@opentelemetry/api';
import { Agent, type Dispatcher } from 'undici';

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

/**
 * Node's fetch gives up on an answer after 300 s without headers (undici's `headersTimeout`),
 * whatever the abort signal allows; a long call (a backfill's materialization) gets an agent whose
 * limits are its own timeout. The `undici` package is the one Node's fetch is built on (same major).
 */
const UNDICI_DEFAULT_TIMEOUT_MS = 300_000;
const longAgents = new Map<number, Dispatcher>();
export function dispatcherFor(timeoutMs: number): Dispatcher | undefined {
  if (timeoutMs < UNDICI_DEFAULT_TIMEOUT_MS) return undefined;
  let agent = longAgents.get(timeoutMs);
  if (!agent)
    longAgents.set(timeoutMs, (agent = new Agent({ headersTimeout: timeoutMs, bodyTimeout: timeoutMs })));
  return agent;
}
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
        const timeoutMs = this.options.timeoutMs ?? 10_000;
        const res = await fetch(url, {
          method,
          headers,
          body: body === undefined ? undefined : isBytes ? body : JSON.stringify(body),
          signal: AbortSignal.timeout(timeoutMs),
          // Not in the DOM's RequestInit type; Node's fetch reads it.
          ...({ dispatcher: dispatcherFor(timeoutMs) } as object),
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
