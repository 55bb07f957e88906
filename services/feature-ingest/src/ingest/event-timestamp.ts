import { parseRfc3339Micros } from '@provenant/contracts';
import type { RejectionReason } from '@provenant/contracts';

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: RejectionReason; message: string };

const SHAPE = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})?$/;
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/**
 * An event time as microseconds: a whole number of microseconds, or RFC 3339 text (a space may
 * stand for `T`; no offset means UTC). Calendar nonsense (Feb 30, 24:00, second 60) is
 * IMPOSSIBLE_TIMESTAMP rather than being rolled over as Date.parse would.
 */
export function parseEventTimestamp(value: unknown): Parsed<number> {
  if (value === null || value === undefined || value === '')
    return { ok: false, reason: 'MISSING_TIMESTAMP', message: 'no event timestamp' };
  if (typeof value === 'number' || typeof value === 'bigint') {
    const n = Number(value);
    return Number.isSafeInteger(n)
      ? { ok: true, value: n }
      : {
          ok: false,
          reason: 'UNPARSEABLE_TIMESTAMP',
          message: `not a whole number of microseconds: ${value}`,
        };
  }
  if (typeof value !== 'string')
    return {
      ok: false,
      reason: 'UNPARSEABLE_TIMESTAMP',
      message: `expected RFC 3339 text or microseconds, got ${typeof value}`,
    };
  if (/^-?\d+$/.test(value)) return parseEventTimestamp(Number(value));
  const m = SHAPE.exec(value.trim());
  if (!m)
    return {
      ok: false,
      reason: 'UNPARSEABLE_TIMESTAMP',
      message: `not an RFC 3339 timestamp: ${JSON.stringify(value)}`,
    };
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number);
  if (mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo) || h > 23 || mi > 59 || s > 59)
    return { ok: false, reason: 'IMPOSSIBLE_TIMESTAMP', message: `no such time: ${JSON.stringify(value)}` };
  const text = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${m[7] ?? ''}${m[8] ?? 'Z'}`;
  return { ok: true, value: parseRfc3339Micros(text) };
}
