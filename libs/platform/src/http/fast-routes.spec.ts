import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BadRequestException, Logger, ServiceUnavailableException } from '@nestjs/common';
import { sha256Hex, TokenStore } from '../auth/token-store';
import { installFastRoutes, type FastRoute } from './fast-routes';

describe(installFastRoutes.name, () => {
  const tokens = new TokenStore([
    { sha256: sha256Hex('pipe'), principal: 'etl', roles: ['pipeline'] },
    { sha256: sha256Hex('audit'), principal: 'eve', roles: ['auditor'] },
  ]);
  let server: Server;
  let base: string;
  const seen: unknown[] = [];
  const routes: FastRoute[] = [
    {
      method: 'POST',
      path: '/echo',
      roles: ['pipeline'],
      handle: async ({ body, bytes }, principal) => {
        seen.push(body);
        return { body, bytes, who: principal.id };
      },
    },
    {
      method: 'GET',
      path: '/query',
      roles: ['pipeline'],
      handle: async ({ query }) => ({ a: query.get('a') }),
    },
    {
      method: 'GET',
      path: '/bad',
      roles: ['pipeline'],
      handle: async () => {
        throw new BadRequestException(['x: is wrong']);
      },
    },
    {
      method: 'GET',
      path: '/down',
      roles: ['pipeline'],
      handle: async () => {
        throw new ServiceUnavailableException('store away');
      },
    },
    {
      method: 'GET',
      path: '/bug',
      roles: ['pipeline'],
      handle: async () => {
        throw new Error('secret detail');
      },
    },
  ];

  beforeAll(async () => {
    Logger.overrideLogger(false); // the 5xx cases log by design
    // Stands in for the Nest adapter: whatever the fast routes do not take.
    server = createServer((_req, res) => res.writeHead(299).end('framework'));
    installFastRoutes(server, routes, { tokens, maxBodyBytes: 64 });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((r) => server.close(r)));

  const call = async (
    method: string,
    path: string,
    body?: string,
    token = 'pipe',
    type = 'application/json; charset=utf-8',
    at = base,
  ) => {
    const res = await fetch(`${at}${path}`, {
      method,
      body,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': type }),
      },
    });
    const text = await res.text();
    return { status: res.status, text, json: () => JSON.parse(text) };
  };

  it('answers its routes as JSON with the principal, and the query parsed', async () => {
    const res = await call('POST', '/echo', '{"x":[1,2]}');
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ body: { x: [1, 2] }, bytes: 11, who: 'etl' });
    expect((await call('GET', '/query?a=1&b=2')).json()).toEqual({ a: '1' });
  });

  it('leaves every other request to the framework, including other methods on its paths', async () => {
    expect(await call('GET', '/elsewhere')).toMatchObject({ status: 299, text: 'framework' });
    expect(await call('GET', '/echo')).toMatchObject({ status: 299, text: 'framework' });
  });

  it('leaves a POST that is not JSON to the framework, whose body parsers decide what it means', async () => {
    expect(await call('POST', '/echo', 'x=1', 'pipe', 'application/x-www-form-urlencoded')).toMatchObject({
      status: 299,
      text: 'framework',
    });
    expect(await call('POST', '/echo', '{}', 'pipe', 'text/plain')).toMatchObject({ status: 299 });
  });

  it("answers errors in the service's own shape when given one", async () => {
    const other = createServer((_req, res) => res.writeHead(299).end('framework'));
    installFastRoutes(other, routes, {
      tokens,
      answerError: (err) => ({ status: 418, body: { code: 'MINE', message: (err as Error).message } }),
    });
    await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
    try {
      const at = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
      expect((await call('GET', '/bad', undefined, 'pipe', '', at)).json()).toEqual({
        code: 'MINE',
        message: 'Bad Request Exception',
      });
      expect((await call('POST', '/echo', '{}', 'audit', 'application/json', at)).status).toBe(418);
    } finally {
      await new Promise((r) => other.close(r));
    }
  });

  it('answers 401 and 403 as AuthGuard does, before running the route', async () => {
    seen.length = 0;
    const none = await call('POST', '/echo', '{}', '');
    expect(none.status).toBe(401);
    expect(none.json().message).toMatch(/missing bearer token/);
    expect((await call('POST', '/echo', '{}', 'stolen')).status).toBe(401);
    const wrongRole = await call('POST', '/echo', '{}', 'audit');
    expect(wrongRole.status).toBe(403);
    expect(wrongRole.json().message).toBe('requires role pipeline; eve has auditor');
    expect(seen).toEqual([]);
  });

  it('answers 400 naming the problem for a body that is not JSON or is empty, 413 past the limit', async () => {
    const bad = await call('POST', '/echo', '{"x":');
    expect(bad.status).toBe(400);
    expect(bad.json().message[0]).toMatch(/^body: not valid JSON/);
    expect((await call('POST', '/echo', '')).json().message).toEqual([
      'body: expected a JSON object, got nothing',
    ]);
    const big = await call('POST', '/echo', JSON.stringify({ x: 'y'.repeat(100) }));
    expect(big.status).toBe(413);
  });

  it("answers a route's HttpException with Nest's body, and hides other errors behind a 500", async () => {
    expect((await call('GET', '/bad')).json()).toEqual({
      statusCode: 400,
      message: ['x: is wrong'],
      error: 'Bad Request',
    });
    expect((await call('GET', '/down')).status).toBe(503);
    const bug = await call('GET', '/bug');
    expect(bug.status).toBe(500);
    expect(bug.text).not.toContain('secret detail');
  });

  it('refuses to install over anything but exactly one request listener', () => {
    expect(() => installFastRoutes(createServer(), routes, { tokens })).toThrow(/found 0/);
  });
});
