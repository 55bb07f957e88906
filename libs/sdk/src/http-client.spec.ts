import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { Agent } from 'undici';
import { dispatcherFor, HttpClient, ServiceError } from './http-client';

describe('HttpClient', () => {
  let server: Server;
  let baseUrl: string;
  const seen: { headers: IncomingHttpHeaders; body: string }[] = [];
  let answers: { status: number; body: unknown }[] = [];

  beforeAll(async () => {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        seen.push({ headers: req.headers, body });
        const a = answers.shift() ?? { status: 200, body: { ok: true } };
        res.writeHead(a.status, { 'content-type': 'application/json' }).end(JSON.stringify(a.body));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    context.disable();
    propagation.disable();
    await new Promise((r) => server.close(r));
  });
  beforeEach(() => {
    seen.length = 0;
    answers = [];
  });

  it('sends the bearer token and the caller’s trace context', async () => {
    const client = new HttpClient({ baseUrl, token: 'dev-pipeline-token' });
    const span = trace.wrapSpanContext({
      traceId: '0af7651916cd43dd8448eb211c80319c',
      spanId: 'b7ad6b7169203331',
      traceFlags: 1,
    });
    await context.with(trace.setSpan(context.active(), span), () => client.post('/x', { a: 1 }));
    expect(seen[0].headers.authorization).toBe('Bearer dev-pipeline-token');
    expect(seen[0].headers.traceparent).toBe('00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01');
    expect(JSON.parse(seen[0].body)).toEqual({ a: 1 });
  });

  it('retries 503 with backoff, then answers', async () => {
    answers = [
      { status: 503, body: {} },
      { status: 503, body: {} },
      { status: 200, body: { n: 3 } },
    ];
    const client = new HttpClient({ baseUrl, retries: 3 });
    expect(await client.get('/y', { q: 'a b', skip: undefined })).toEqual({ n: 3 });
    expect(seen.map((s) => s.headers.host)).toHaveLength(3);
  });

  it('does not retry a 400 and reports the service’s answer', async () => {
    answers = [{ status: 400, body: { message: 'featureView: unknown' } }];
    const client = new HttpClient({ baseUrl, retries: 3 });
    const err = await client.post('/z', {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServiceError);
    expect(err).toMatchObject({ status: 400, body: { message: 'featureView: unknown' } });
    expect(seen).toHaveLength(1);
  });

  it('sends bytes unchanged with the content type given', async () => {
    const client = new HttpClient({ baseUrl });
    await client.raw('PUT', '/blob', Buffer.from('{"k":1}'), 'application/octet-stream');
    expect(seen[0].headers['content-type']).toBe('application/octet-stream');
    expect(seen[0].body).toBe('{"k":1}');
  });

  it('gives calls longer than fetch’s 300 s headers timeout an agent of their own, which fetch accepts', async () => {
    expect(dispatcherFor(30_000)).toBeUndefined();
    const agent = dispatcherFor(3_600_000);
    expect(agent).toBeInstanceOf(Agent);
    expect(dispatcherFor(3_600_000)).toBe(agent);
    const client = new HttpClient({ baseUrl, timeoutMs: 3_600_000 });
    expect(await client.post('/long', { a: 1 })).toEqual({ ok: true });
  });
});
