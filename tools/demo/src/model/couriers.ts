/**
 * The demo's synthetic world, fully determined by a seed: each courier's hourly stats and
 * whether it accepted an offer. Deterministic on purpose, so a re-run reproduces the same
 * training set and model (lab 2) and the point-in-time join can be checked value by value.
 */
export const FEATURES = ['conv_rate', 'acc_rate', 'avg_daily_trips'] as const;
export const HOUR_MICROS = 3_600_000_000;

export interface HourlyRow {
  courier_id: number;
  event_ts: number; // µs
  conv_rate: number;
  acc_rate: number;
  avg_daily_trips: number;
}

/** mulberry32: a tiny, well-known PRNG; good enough for synthetic data, and reproducible. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const round = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits;

export interface World {
  couriers: number[];
  /** The hour boundaries (µs), oldest first; the last one is the "current" hour. */
  hours: number[];
  rows: HourlyRow[];
}

/** `count` couriers × `hourCount` hourly rows ending at `lastHour` (µs, on the hour). */
export function buildWorld(o: { seed: number; count: number; hourCount: number; lastHour: number }): World {
  const couriers = Array.from({ length: o.count }, (_, i) => 1001 + i);
  const hours = Array.from(
    { length: o.hourCount },
    (_, i) => o.lastHour - (o.hourCount - 1 - i) * HOUR_MICROS,
  );
  const rows: HourlyRow[] = [];
  for (const id of couriers) {
    const rand = prng(o.seed * 100_003 + id);
    const skill = rand();
    for (const [h, ts] of hours.entries())
      rows.push({
        courier_id: id,
        event_ts: ts,
        conv_rate: round(0.2 + 0.6 * skill + 0.15 * Math.sin(h / 3 + id) * rand()),
        acc_rate: round(0.5 + 0.45 * rand()),
        avg_daily_trips: Math.floor(5 + 20 * skill + 5 * rand()),
      });
  }
  return { couriers, hours, rows };
}

/** The row in force at `ts` for a courier: the newest with event_ts ≤ ts (what a PIT join must return). */
export function rowAt(world: World, courierId: number, ts: number): HourlyRow | undefined {
  let best: HourlyRow | undefined;
  for (const r of world.rows)
    if (r.courier_id === courierId && r.event_ts <= ts && (!best || r.event_ts > best.event_ts)) best = r;
  return best;
}

/** Whether the courier accepted an offer made at that time: a noisy function of its true state. */
export function accepted(row: HourlyRow, seed: number, ts: number): number {
  const noise = prng(seed ^ (row.courier_id * 7919) ^ Math.floor(ts / HOUR_MICROS))() - 0.5;
  const z = 4 * row.conv_rate + 2 * row.acc_rate - 0.08 * row.avg_daily_trips - 2.2 + noise;
  return z > 0 ? 1 : 0;
}
