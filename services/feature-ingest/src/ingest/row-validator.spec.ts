import type { ResolvedView } from '../definitions/view-definition';
import { parseEventTimestamp } from './event-timestamp';
import { fromAvro, fromFlat, validateRow } from './row-validator';

const view: ResolvedView = {
  name: 'trips',
  version: 3,
  entities: ['route'],
  joinKeys: [
    { name: 'origin', valueType: 'STRING' },
    { name: 'zone', valueType: 'INT64' },
  ],
  timestampField: 'event_ts',
  ttlMicros: 0,
  features: [
    { name: 'minutes', valueType: 'FLOAT64' },
    { name: 'count', valueType: 'INT32' },
    { name: 'ok', valueType: 'BOOL' },
    { name: 'tags', valueType: 'STRING_LIST' },
  ],
};
const opts = { text: false, maxEventTs: 2_000_000_000_000_000 };
const row = { origin: 'AMS', zone: 7, event_ts: '2026-01-01T10:00:00.123456Z', minutes: 12.5, count: 3 };
const sut = (r: Record<string, unknown>, o = opts) => validateRow(view, fromFlat(view, r), o);

describe(validateRow.name, () => {
  it('keeps microseconds exact and builds the canonical composite key', () => {
    expect(sut(row)).toEqual({
      ok: true,
      row: {
        entityKey: '["AMS",7]',
        entity: { origin: 'AMS', zone: 7 },
        eventTs: 1_767_261_600_123_456,
        values: { minutes: 12.5, count: 3 },
        valuesJson: '{"count":3,"minutes":12.5}',
      },
    });
  });

  it.each([
    [{ ...row, minutes: 'fast' }, 'WRONG_TYPE', 'minutes: expected FLOAT64, got string "fast"'],
    [{ ...row, count: 2 ** 31 }, 'WRONG_TYPE', 'count: expected INT32, got number 2147483648'],
    [{ ...row, zone: undefined }, 'MISSING_ENTITY_KEY', 'zone: join key missing'],
    [{ ...row, zone: 'north' }, 'MALFORMED_ENTITY_KEY', 'zone: expected INT64, got string "north"'],
    [
      { ...row, speed: 1 },
      'UNKNOWN_FEATURE',
      'speed: feature view trips v3 has no feature or join key of that name',
    ],
    [{ ...row, event_ts: undefined }, 'MISSING_TIMESTAMP', 'event_ts: no event timestamp'],
    [
      { ...row, event_ts: 'yesterday' },
      'UNPARSEABLE_TIMESTAMP',
      'event_ts: not an RFC 3339 timestamp: "yesterday"',
    ],
    [
      { ...row, event_ts: '2026-02-30T00:00:00Z' },
      'IMPOSSIBLE_TIMESTAMP',
      'event_ts: no such time: "2026-02-30T00:00:00Z"',
    ],
    [
      { ...row, event_ts: '2099-01-01T00:00:00Z' },
      'IMPOSSIBLE_TIMESTAMP',
      'event_ts: in the future beyond the allowed skew',
    ],
  ])('rejects %j with a reason and a message', (bad, reason, message) => {
    expect(sut(bad)).toEqual({ ok: false, rejection: { reason, field: expect.any(String), message } });
  });

  it('parses text cells by type when the source is text (CSV)', () => {
    const csv = {
      origin: 'AMS',
      zone: '7',
      event_ts: '2026-01-01 10:00:00',
      minutes: '1e1',
      count: '',
      ok: 'true',
      tags: '["a","b"]',
    };
    expect(sut(csv, { ...opts, text: true })).toMatchObject({
      ok: true,
      row: { values: { minutes: 10, ok: true, tags: ['a', 'b'] } },
    });
  });

  it('unwraps Avro unions of a FeatureRowBatch row', () => {
    const avro = {
      entityKey: { origin: 'AMS', zone: { long: 7 } },
      eventTs: 1_767_261_600_000_001,
      features: { minutes: { double: 1.5 }, tags: { array: [{ string: 'x' }] }, ok: null },
    };
    expect(validateRow(view, fromAvro(view, avro), opts)).toMatchObject({
      ok: true,
      row: { entityKey: '["AMS",7]', eventTs: 1_767_261_600_000_001, values: { minutes: 1.5, tags: ['x'] } },
    });
  });
});

describe(parseEventTimestamp.name, () => {
  it('accepts offsets and microsecond integers, truncating nanoseconds', () => {
    expect(parseEventTimestamp('2026-01-01T01:00:00.0000019+01:00')).toEqual({
      ok: true,
      value: 1_767_225_600_000_001,
    });
    expect(parseEventTimestamp(1_767_225_600_000_001)).toEqual({ ok: true, value: 1_767_225_600_000_001 });
    expect(parseEventTimestamp('2024-02-29T23:59:59Z').ok).toBe(true);
  });
});
