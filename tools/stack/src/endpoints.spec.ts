import {
  DEFAULT_ENDPOINTS,
  isLoopback,
  parseDatabaseUrl,
  parseHostPort,
  resolveEndpoints,
  serviceAddress,
} from './endpoints';

describe('resolveEndpoints', () => {
  it('falls back to the loopback defaults', () => {
    expect(resolveEndpoints({})).toEqual(DEFAULT_ENDPOINTS);
  });

  it('splits KAFKA_BROKERS on commas and trims', () => {
    const endpoints = resolveEndpoints({ KAFKA_BROKERS: ' 127.0.0.1:19092 , other:9092' });
    expect(endpoints.kafkaBrokers).toEqual(['127.0.0.1:19092', 'other:9092']);
    expect(serviceAddress('kafka', endpoints)).toEqual({ host: '127.0.0.1', port: 19092 });
  });

  it('names the variable when a value is malformed', () => {
    expect(() => resolveEndpoints({ KAFKA_BROKERS: 'not a url' })).toThrow(/KAFKA_BROKERS/);
    expect(() => resolveEndpoints({ DATABASE_URL: 'mysql://x@h/db' })).toThrow(/DATABASE_URL/);
    expect(() => resolveEndpoints({ REDIS_URL: 'nope' })).toThrow(/REDIS_URL/);
  });

  it('uses the protocol default port when the URL has none', () => {
    const endpoints = resolveEndpoints({
      DATABASE_URL: 'postgresql://u:p@db.local/app',
      REDIS_URL: 'redis://cache',
    });
    expect(serviceAddress('postgres', endpoints)).toEqual({ host: 'db.local', port: 5432 });
    expect(serviceAddress('redis', endpoints)).toEqual({ host: 'cache', port: 6379 });
  });
});

describe('parseDatabaseUrl', () => {
  it('decodes credentials and the database name', () => {
    expect(parseDatabaseUrl('postgres://pro%40v:p%2Fw@127.0.0.1:15432/my_db')).toEqual({
      host: '127.0.0.1',
      port: 15432,
      user: 'pro@v',
      password: 'p/w',
      database: 'my_db',
    });
  });

  it('requires a user and a database', () => {
    expect(() => parseDatabaseUrl('postgres://127.0.0.1:5432/db')).toThrow(/user and a database/);
    expect(() => parseDatabaseUrl('postgres://u:p@127.0.0.1:5432/')).toThrow(/user and a database/);
  });
});

describe('parseHostPort', () => {
  it('accepts bracketed IPv6 and rejects out-of-range ports', () => {
    expect(parseHostPort('[::1]:9092', 'X')).toEqual({ host: '::1', port: 9092 });
    expect(() => parseHostPort('h:70000', 'X')).toThrow(/X/);
    expect(() => parseHostPort('h', 'X')).toThrow(/X/);
  });
});

describe('isLoopback', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['localhost', true],
    ['::1', true],
    ['10.0.0.1', false],
    ['kafka', false],
  ])('%s → %s', (host, expected) => {
    expect(isLoopback(host)).toBe(expected);
  });
});
