import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { BadRequestException, HttpException, Logger, PayloadTooLargeException } from '@nestjs/common';
import { trace } from '@opentelemetry/api';
import { authenticate, authorize } from '../auth/authorize';
import type { Principal, Role } from '../auth/principal';
import type { TokenStore } from '../auth/token-store';
import { httpRequestDuration } from '../metrics/http-metrics.interceptor';

/**
 * A JSON route answered straight from Node's HTTP server, ahead of Express and Nest's pipeline.
 * For the few routes whose latency is the product (online serving): on a 2-CPU machine the shared
 * pipeline (Express, its body parsers, pino-http, guards, interceptors, the validation pipe) costs
 * several times what the route's own work does. What a fast route keeps: bearer-token auth with
 * the same roles and messages as `AuthGuard`, the request-latency histogram, the OpenTelemetry
 * server span (the HTTP instrumentation wraps the server, not Express), Nest's error body shape
 * for `HttpException`s (or the service's own, `answerError`), and an error log line for 5xx. What
 * it drops: the per-request access log. A POST whose content type is not JSON goes to the
 * framework, whose body parsers decide what it means, so both paths answer it alike.
 */
export interface FastRoute {
  method: 'GET' | 'POST';
  /** Exact path (no parameters in it); the query string comes to `handle` parsed. */
  path: string;
  roles: Role[];
  /** Answered as 200 JSON; an `HttpException` thrown is answered as Nest would. */
  handle(request: FastRequest, principal: Principal): Promise<unknown>;
}

export interface FastRequest {
  /** The parsed JSON body of a POST; undefined for a GET. */
  body: unknown;
  /** The body's size in bytes (0 for a GET). */
  bytes: number;
  query: URLSearchParams;
}

/** An error as the service's exception filter would answer it. */
export type ErrorAnswer = (err: unknown) => { status: number; body: unknown };

export interface FastRouteOptions {
  tokens: TokenStore;
  /** Largest request body accepted (413 beyond). */
  maxBodyBytes?: number;
  /** The service's error shape (e.g. MLflow's); Nest's default filter's otherwise. */
  answerError?: ErrorAnswer;
}

type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

const log = new Logger('FastRoutes');

/**
 * Puts `routes` in front of the server's one request listener (the Nest adapter's), which still
 * answers every other request.
 */
export function installFastRoutes(server: Server, routes: FastRoute[], options: FastRouteOptions): void {
  const listeners = server.listeners('request') as RequestListener[];
  if (listeners.length !== 1)
    throw new Error(
      `installFastRoutes: expected the adapter's one request listener, found ${listeners.length}`,
    );
  const [framework] = listeners;
  const table = new Map(routes.map((r) => [`${r.method} ${r.path}`, r]));
  server.removeListener('request', framework);
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const route = table.get(`${req.method} ${q < 0 ? url : url.slice(0, q)}`);
    if (route && (route.method === 'GET' || isJson(req)))
      void serve(route, req, res, new URLSearchParams(q < 0 ? '' : url.slice(q + 1)), options);
    else framework.call(server, req, res);
  });
}

async function serve(
  route: FastRoute,
  req: IncomingMessage,
  res: ServerResponse,
  query: URLSearchParams,
  options: FastRouteOptions,
) {
  const stop = httpRequestDuration().startTimer({ method: route.method });
  trace.getActiveSpan()?.setAttribute('http.route', route.path);
  let status = 200;
  let body: unknown;
  try {
    const principal = authenticate(req.headers.authorization, options.tokens);
    authorize(principal, route.method, route.roles);
    const input =
      route.method === 'POST'
        ? await readJson(req, options.maxBodyBytes ?? 1_048_576)
        : { body: undefined, bytes: 0 };
    body = await route.handle({ ...input, query }, principal);
  } catch (err) {
    ({ status, body } = (options.answerError ?? nestErrorAnswer)(err));
    if (status >= 500) log.error({ msg: `${route.method} ${route.path} answered ${status}`, err });
  }
  const json = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(json),
  });
  res.end(json);
  stop({ route: route.path, status: String(status) });
}

const isJson = (req: IncomingMessage) =>
  (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase() === 'application/json';

function readJson(req: IncomingMessage, limit: number): Promise<{ body: unknown; bytes: number }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('error', reject);
    req.on('end', () => {
      if (size > limit) return reject(new PayloadTooLargeException(`body: larger than ${limit} bytes`));
      const text = Buffer.concat(chunks, size).toString('utf8');
      if (text.trim() === '')
        return reject(new BadRequestException(['body: expected a JSON object, got nothing']));
      try {
        resolve({ body: JSON.parse(text), bytes: size });
      } catch (err) {
        reject(new BadRequestException([`body: not valid JSON (${(err as Error).message})`]));
      }
    });
  });
}

/** The body Nest's exception filter would send, so clients cannot tell the two paths apart. */
function nestErrorAnswer(err: unknown): { status: number; body: unknown } {
  if (err instanceof HttpException) {
    const status = err.getStatus();
    const response = err.getResponse();
    return {
      status,
      body: typeof response === 'string' ? { statusCode: status, message: response } : response,
    };
  }
  return { status: 500, body: { statusCode: 500, message: 'Internal server error' } };
}
