import type { OfflineRow } from '../materialization/offline-rows.source';
import { OfflineIndex, type PitBounds } from './offline-index';

const FEATURES = [
  { name: 'x', valueType: 'FLOAT64' as const },
  { name: 's', valueType: 'STRING' as const },
];

/** The rule exactly as DESIGN.md §3 states it, over every row: the reference the index must match. */
function reference(rows: OfflineRow[], key: string, t: number, b: PitBounds): OfflineRow | null {
  const candidates = rows.filter(
    (r) =>
      r.entityKey === key &&
      r.eventTs <= t &&
      (b.ttlMicros === 0 || r.eventTs > t - b.ttlMicros) &&
      (b.asOf === null || r.createdTs <= b.asOf) &&
      r.seq <= b.maxSeq,
  );
  candidates.sort((p, q) => q.eventTs - p.eventTs || q.createdTs - p.createdTs || q.seq - p.seq);
  return candidates[0] ?? null;
}

/** Row p's value of a feature, read the way training sets read columns. */
function valueAt(index: OfflineIndex, p: number, feature: string): unknown {
  const out: unknown[] = [undefined];
  index.gather(feature, Int32Array.of(p), out);
  return out[0];
}

function lcg(seed: number) {
  let s = seed;
  return () => (s = (Math.imul(s, 1_103_515_245) + 12_345) & 0x7fffffff) / 2_147_483_648;
}

describe('OfflineIndex', () => {
  it('picks what the point-in-time rule picks, over ties, ttl edges, asOf, hidden rows and backfills', () => {
    const rand = lcg(7);
    const pick = (n: number) => Math.floor(rand() * n);
    // Few keys and few distinct times, so ties on event_ts and created_ts are common; rows come
    // in ingestion order but not in time order (late data and backfills).
    const rows: OfflineRow[] = Array.from({ length: 3_000 }, (_, i) => ({
      entityKey: `[${pick(12)}]`,
      eventTs: 1_000_000 + pick(40) * 1_000,
      createdTs: 5_000_000 + pick(8) * 1_000,
      seq: i + 1,
      batchId: `b${Math.floor(i / 100)}`,
      values: { x: rand() < 0.1 ? null : i, s: `v${i}` },
    }));
    const index = new OfflineIndex(FEATURES);
    // Loaded in three pieces, the second one twice (a retried load must not duplicate rows).
    index.append(rows.slice(0, 1_000));
    index.append(rows.slice(1_000, 2_000));
    index.append(rows.slice(1_500, 3_000));
    index.caughtUp(3_000);
    expect(index.rows).toBe(3_000);
    let checked = 0;
    const picked: number[] = [];
    const wanted: unknown[] = [];
    for (let n = 0; n < 4_000; n++) {
      const key = `[${pick(13)}]`; // [12] has no rows
      const t = 1_000_000 + pick(45) * 1_000 - 2_000;
      const b: PitBounds = {
        ttlMicros: [0, 1_000, 5_000, 20_000][pick(4)],
        asOf: rand() < 0.5 ? null : 5_000_000 + pick(8) * 1_000,
        maxSeq: rand() < 0.5 ? 3_000 : 1 + pick(3_000),
      };
      const expected = reference(rows, key, t, b);
      const p = index.find(key, t, b);
      picked.push(p);
      wanted.push(expected === null ? null : expected.values.x);
      if (expected === null) expect(p).toBe(-1);
      else {
        expect(p).toBeGreaterThanOrEqual(0);
        expect([valueAt(index, p, 'x'), valueAt(index, p, 's')]).toEqual([
          expected.values.x,
          expected.values.s,
        ]);
        expect(index.batchOf(p)).toBe(expected.batchId);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(1_000);
    // A column at a time, as a training set reads it; rows not selected are left alone.
    const column = new Array<unknown>(picked.length).fill('untouched');
    const only = Uint8Array.from(picked, (_, i) => (i % 5 === 0 ? 0 : 1));
    index.gather('x', Int32Array.from(picked), column, only);
    expect(column).toEqual(wanted.map((w, i) => (i % 5 === 0 ? 'untouched' : w)));
  });

  it('keeps a numeric feature that holds a non-number, and tells missing values from zero', () => {
    const index = new OfflineIndex([{ name: 'n', valueType: 'INT64' }]);
    const row = (seq: number, n: unknown): OfflineRow => ({
      entityKey: 'k',
      eventTs: seq,
      createdTs: 0,
      seq,
      batchId: 'b',
      values: n === undefined ? {} : { n },
    });
    index.append([row(1, 0), row(2, undefined), row(3, '12345678901234567890'), row(4, 7)]);
    const at = (t: number) =>
      valueAt(index, index.find('k', t, { ttlMicros: 0, asOf: null, maxSeq: 10 }), 'n');
    expect([at(1), at(2), at(3), at(4)]).toEqual([0, null, '12345678901234567890', 7]);
  });

  it('compares rows across two indexes by (event_ts, created_ts, seq)', () => {
    const row = (eventTs: number, createdTs: number, seq: number): OfflineRow => ({
      entityKey: 'k',
      eventTs,
      createdTs,
      seq,
      batchId: 'b',
      values: {},
    });
    const a = new OfflineIndex([]);
    const b = new OfflineIndex([]);
    a.append([row(10, 5, 1)]);
    b.append([row(10, 5, 2), row(10, 6, 3), row(11, 0, 4)]);
    expect(b.laterThan(0, a, 0)).toBe(true); // same times, later ingestion
    expect(a.laterThan(0, b, 1)).toBe(false);
    expect(b.laterThan(2, a, 0)).toBe(true);
  });
});
