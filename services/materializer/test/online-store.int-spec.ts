import { createRedisClient } from '@provenant/platform';
import { useTestEnv } from '@provenant/testing';
import type { Redis } from 'ioredis';
import { onlineKey } from '../src/online/online-key';
import { OnlineStoreReader, viewFields } from '../src/online/online-store.reader';
import { OnlineStoreWriter, type OnlineRow } from '../src/online/online-store.writer';

const T = 1_767_261_600_123_456; // 2026-01-01T10:00:00.123456Z, µs

describe(OnlineStoreWriter.name, () => {
  const env = useTestEnv();
  let redis: Redis;
  let sut: OnlineStoreWriter;
  let reader: OnlineStoreReader;
  afterAll(() => redis?.quit());

  beforeAll(async () => {
    redis = createRedisClient(env().redisUrl);
    if (redis.status !== 'ready') await new Promise((r) => redis.once('ready', r));
    sut = new OnlineStoreWriter(redis);
    reader = new OnlineStoreReader(redis);
  });

  let n = 0;
  const keyFor = () => onlineKey(env().redisKeyPrefix, ['driver_id'], [++n]);
  const row = (key: string, eventTs: number, conv: number | null, o: Partial<OnlineRow> = {}): OnlineRow => ({
    key,
    tag: 'driver_stats@v1',
    eventTs,
    createdTs: T + 10,
    seq: 1,
    batchId: `b-${eventTs}-${conv}`,
    expireAtMs: 0,
    features: [
      ['conv_rate', conv === null ? '' : JSON.stringify(conv)],
      ['trips', '7'],
    ],
    ...o,
  });
  const read = async (key: string) =>
    (await reader.read([{ key, fields: viewFields('driver_stats@v1', ['conv_rate', 'trips']) }]))[0];

  it('keeps the newest event_ts whatever order rows arrive in, to the microsecond', async () => {
    const key = keyFor();
    expect(await sut.write([row(key, T + 2, 0.2)])).toEqual(['written']);
    expect(await sut.write([row(key, T + 1, 0.1), row(key, T, 0.0)])).toEqual(['stale', 'stale']);
    expect(await read(key)).toEqual({ eventTs: T + 2, batchId: `b-${T + 2}-0.2`, values: ['0.2', '7'] });
    expect(await sut.write([row(key, T + 3, 0.3)])).toEqual(['written']);
    expect((await read(key)).values[0]).toBe('0.3');
  });

  it('treats a replayed row as already online and changes nothing', async () => {
    const key = keyFor();
    const r = row(key, T, 0.5);
    await sut.write([r]);
    expect(await sut.write([r, r])).toEqual(['already-online', 'already-online']);
    expect((await read(key)).values).toEqual(['0.5', '7']);
  });

  it('breaks event_ts ties by created_ts, then ingestion order, as point-in-time retrieval does', async () => {
    const key = keyFor();
    await sut.write([row(key, T, 0.1, { createdTs: T + 100, seq: 5 })]);
    expect(await sut.write([row(key, T, 0.2, { createdTs: T + 50, seq: 9 })])).toEqual(['stale']);
    expect(await sut.write([row(key, T, 0.3, { createdTs: T + 100, seq: 4 })])).toEqual(['stale']);
    expect(await sut.write([row(key, T, 0.4, { createdTs: T + 100, seq: 6 })])).toEqual(['written']);
    expect((await read(key)).values[0]).toBe('0.4');
  });

  it('turns a feature missing from the newest row into null instead of keeping the older value', async () => {
    const key = keyFor();
    await sut.write([row(key, T, 0.9)]);
    await sut.write([row(key, T + 1, null)]);
    expect((await read(key)).values).toEqual([null, '7']);
  });

  it('expires the key at the latest event_ts + ttl of the views it holds, never earlier', async () => {
    const key = keyFor();
    const soon = Date.now() + 60_000;
    await sut.write([row(key, T, 0.1, { expireAtMs: soon })]);
    expect(await redis.pexpiretime(key)).toBe(soon);
    await sut.write([row(key, T + 1, 0.2, { tag: 'other@v1', expireAtMs: soon - 10_000 })]);
    expect(await redis.pexpiretime(key)).toBe(soon);
    await sut.write([row(key, T + 2, 0.3, { tag: 'other@v1', expireAtMs: soon + 10_000 })]);
    expect(await redis.pexpiretime(key)).toBe(soon + 10_000);
    await sut.write([row(key, T, 0.4, { tag: 'no_ttl@v1', expireAtMs: 0 })]);
    expect(await redis.pexpiretime(key)).toBe(-1);
  });

  it('lets a key whose event_ts + ttl has passed vanish, so it reads as not found', async () => {
    const key = keyFor();
    await sut.write([row(key, T, 0.1, { expireAtMs: Date.now() + 50 })]);
    await new Promise((r) => setTimeout(r, 150));
    expect(await read(key)).toEqual({ eventTs: null, batchId: null, values: [null, null] });
  });

  it('ends at the newest row when several writers race with shuffled rows', async () => {
    const key = keyFor();
    const rows = Array.from({ length: 200 }, (_, i) => row(key, T + i, i));
    const others = [createRedisClient(env().redisUrl), createRedisClient(env().redisUrl)];
    await Promise.all(
      others.map((c) => (c.status === 'ready' ? null : new Promise((r) => c.once('ready', r)))),
    );
    const shuffled = () => [...rows].sort(() => Math.random() - 0.5);
    await Promise.all([sut, ...others.map((c) => new OnlineStoreWriter(c))].map((w) => w.write(shuffled())));
    others.forEach((c) => c.disconnect());
    expect((await read(key)).eventTs).toBe(T + 199);
  });

  it('builds keys from join keys sorted by name, with their types', async () => {
    expect(onlineKey('p:', ['b', 'a'], [1, 'x'])).toBe('p:fs:{"a":"x","b":1}');
    expect(onlineKey('p:', ['id'], [1])).not.toBe(onlineKey('p:', ['id'], ['1']));
  });
});
