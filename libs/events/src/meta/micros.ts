import { performance } from 'node:perf_hooks';

/**
 * Microseconds since the epoch. `Date.now()` only has milliseconds, and two events of one request
 * must keep their order in the ledger, so this uses the monotonic high-resolution clock anchored
 * at the process's time origin.
 */
export function nowMicros(): number {
  return Math.floor((performance.timeOrigin + performance.now()) * 1000);
}

export function microsToIso(micros: number): string {
  const ms = Math.floor(micros / 1000);
  const frac = String(micros % 1_000_000).padStart(6, '0');
  return `${new Date(ms).toISOString().slice(0, 19)}.${frac}Z`;
}
