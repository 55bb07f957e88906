import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  OwnedProcess,
  parseOwnershipRecord,
  readOwnershipRecord,
  STARTED_BY,
  updateOwnershipRecord,
  withoutProcess,
  withProcess,
} from './ownership-record';

const redisEntry = (overrides: Partial<OwnedProcess> = {}): OwnedProcess => ({
  service: 'redis',
  pid: 4242,
  port: 6379,
  startedAt: '2025-01-01T00:00:00.000Z',
  startedBy: STARTED_BY,
  procStartTicks: 123456,
  commandMarker: 'redis-server',
  logFile: '/state/redis/redis.log',
  ...overrides,
});

describe('parseOwnershipRecord', () => {
  it('round-trips a valid record', () => {
    const record = withProcess({ services: {} }, redisEntry());
    expect(parseOwnershipRecord(JSON.stringify(record))).toEqual(record);
  });

  it('returns an empty record for unreadable text', () => {
    expect(parseOwnershipRecord('{not json')).toEqual({ services: {} });
    expect(parseOwnershipRecord('null')).toEqual({ services: {} });
  });

  it('drops entries it cannot trust', () => {
    const text = JSON.stringify({
      services: {
        redis: redisEntry({ startedBy: 'someone-else' as typeof STARTED_BY }),
        kafka: redisEntry(), // filed under the wrong service
        postgres: { ...redisEntry({ service: 'postgres' }), pid: 1 }, // never signal init
        mysql: redisEntry(),
      },
    });
    expect(parseOwnershipRecord(text)).toEqual({ services: {} });
  });
});

describe('withProcess / withoutProcess', () => {
  it('adds and removes one service without touching the others', () => {
    const kafka = redisEntry({ service: 'kafka', commandMarker: 'kafka.Kafka', port: 9092 });
    const both = withProcess(withProcess({ services: {} }, kafka), redisEntry());
    expect(Object.keys(both.services).sort()).toEqual(['kafka', 'redis']);
    expect(withoutProcess(both, 'redis')).toEqual({ services: { kafka } });
  });
});

describe('updateOwnershipRecord', () => {
  it('creates the folder and file, and reads back what it wrote', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'stack-record-')), 'nested/stack.json');
    updateOwnershipRecord(file, (record) => withProcess(record, redisEntry()));
    expect(readOwnershipRecord(file).services.redis?.pid).toBe(4242);
    updateOwnershipRecord(file, (record) => withoutProcess(record, 'redis'));
    expect(readOwnershipRecord(file)).toEqual({ services: {} });
  });
});
