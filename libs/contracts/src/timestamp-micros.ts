import type { TimestampMicros } from './generated/scalars';

// Events carry times as Avro timestamp-micros decoded to a JavaScript number: exact to the
// microsecond up to 2^53 µs after 1970 (the year 2255), with no BigInt cost on the hot path. A
// Date holds only milliseconds, so conversions to and from text go through these functions.

const RFC3339 = /^(\d{4}-\d{2}-\d{2})[Tt](\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?([Zz]|[+-]\d{2}:\d{2})$/;

/** Now, with microsecond resolution (performance.timeOrigin + performance.now()). */
export function nowMicros(): TimestampMicros {
  return Math.round((performance.timeOrigin + performance.now()) * 1000);
}

export function microsFromDate(date: Date): TimestampMicros {
  return date.getTime() * 1000;
}

export function dateFromMicros(micros: TimestampMicros): Date {
  return new Date(Math.floor(micros / 1000));
}

/** RFC 3339 in UTC with exactly six fractional digits, e.g. `2026-01-02T03:04:05.123456Z`. */
export function formatRfc3339Micros(micros: TimestampMicros): string {
  if (!Number.isSafeInteger(micros)) throw new RangeError(`not a whole number of microseconds: ${micros}`);
  const seconds = Math.floor(micros / 1_000_000);
  const fraction = micros - seconds * 1_000_000;
  const iso = new Date(seconds * 1000).toISOString(); // YYYY-MM-DDTHH:MM:SS.000Z
  return `${iso.slice(0, 19)}.${String(fraction).padStart(6, '0')}Z`;
}

/** Parses RFC 3339 (any offset, up to nanoseconds; digits past the sixth are truncated). */
export function parseRfc3339Micros(text: string): TimestampMicros {
  const match = RFC3339.exec(text);
  const seconds = match ? Date.parse(`${match[1]}T${match[2]}${match[4].toUpperCase()}`) : NaN;
  if (!match || Number.isNaN(seconds))
    throw new RangeError(`not an RFC 3339 timestamp: ${JSON.stringify(text)}`);
  const fraction = Number((match[3] ?? '').padEnd(6, '0').slice(0, 6));
  return seconds * 1000 + fraction;
}
