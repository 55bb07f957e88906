import { formatRfc3339Micros, microsFromDate, nowMicros, parseRfc3339Micros } from './timestamp-micros';

describe(formatRfc3339Micros.name, () => {
  it.each([
    [0, '1970-01-01T00:00:00.000000Z'],
    [1_767_225_600_123_456, '2026-01-01T00:00:00.123456Z'],
    [-1, '1969-12-31T23:59:59.999999Z'],
  ])('formats %d µs as %s', (micros, text) => {
    expect(formatRfc3339Micros(micros)).toBe(text);
    expect(parseRfc3339Micros(text)).toBe(micros);
  });

  it('refuses fractions of a microsecond', () => {
    expect(() => formatRfc3339Micros(1.5)).toThrow(RangeError);
  });
});

describe(parseRfc3339Micros.name, () => {
  it('applies offsets and truncates digits past microseconds', () => {
    expect(parseRfc3339Micros('2026-01-01T01:00:00.1234569+01:00')).toBe(1_767_225_600_123_456);
    expect(parseRfc3339Micros('2026-01-01T00:00:00Z')).toBe(1_767_225_600_000_000);
  });

  it.each(['2026-01-01', '2026-13-01T00:00:00Z', 'now'])('rejects %s', (text) => {
    expect(() => parseRfc3339Micros(text)).toThrow(RangeError);
  });
});

describe(nowMicros.name, () => {
  it('is close to the wall clock and has microsecond resolution', () => {
    const now = nowMicros();
    expect(Number.isSafeInteger(now)).toBe(true);
    expect(Math.abs(now - microsFromDate(new Date()))).toBeLessThan(1_000_000);
  });
});
