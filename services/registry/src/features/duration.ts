const UNIT_MICROS: Record<string, number> = {
  us: 1,
  ms: 1_000,
  s: 1_000_000,
  m: 60_000_000,
  h: 3_600_000_000,
  d: 86_400_000_000,
  w: 604_800_000_000,
};
const PART = /(\d+)(us|ms|s|m|h|d|w)/g;
const WHOLE = /^(?:\d+(?:us|ms|s|m|h|d|w))+$/;

/**
 * Durations as feature repositories write them (`0`, `90s`, `2h`, `1d12h`, or a number of
 * seconds), in whole microseconds. Returns undefined for anything else so the caller can name the field.
 */
export function parseDurationMicros(input: string | number): number | undefined {
  if (typeof input === 'number') {
    return Number.isInteger(input) && input >= 0 ? input * 1_000_000 : undefined;
  }
  const text = input.trim();
  if (text === '0') return 0;
  if (!WHOLE.test(text)) return undefined;
  let total = 0;
  for (const [, amount, unit] of text.matchAll(PART)) total += Number(amount) * UNIT_MICROS[unit];
  return Number.isSafeInteger(total) ? total : undefined;
}

/** The shortest exact spelling of a duration, for plans and docs (`1d2h`, `0`). */
export function formatDurationMicros(micros: number): string {
  if (micros === 0) return '0';
  let rest = micros;
  let out = '';
  for (const unit of ['d', 'h', 'm', 's', 'ms', 'us']) {
    const size = UNIT_MICROS[unit];
    if (rest >= size) {
      out += `${Math.floor(rest / size)}${unit}`;
      rest %= size;
    }
  }
  return out;
}
