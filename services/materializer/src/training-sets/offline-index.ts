import type { ValueType } from '@provenant/contracts';
import type { OfflineRow } from '../materialization/offline-rows.source';
import type { CatalogView } from './feature-catalog';

/** The point-in-time rule's bounds for one lookup (DESIGN.md §3). */
export interface PitBounds {
  /** 0: no lower bound on event_ts. */
  ttlMicros: number;
  /** Rows created after this are not seen; null: no bound. */
  asOf: number | null;
  /** Rows with a higher ingestion_seq are not seen (not yet in the request's snapshot). */
  maxSeq: number;
}

const NUMERIC = new Set<ValueType>(['INT32', 'INT64', 'FLOAT32', 'FLOAT64', 'UNIX_TIMESTAMP']);

/**
 * One feature's values by row position. Numbers sit in a Float64Array with NaN for "no value"
 * (JSON, hence the offline store's jsonb, has no NaN, so it cannot be a stored value); anything
 * else, or a numeric feature holding a non-number, in a plain array.
 */
class Column {
  private num: Float64Array | null;
  private any: unknown[] | null = null;

  constructor(numeric: boolean, capacity: number) {
    this.num = numeric ? new Float64Array(capacity).fill(NaN) : null;
    if (!numeric) this.any = [];
  }

  /** Room for `capacity` rows (the index grows all its columns together). */
  resize(capacity: number): void {
    if (this.num) this.num = resized(this.num, capacity, NaN);
  }

  set(i: number, v: unknown): void {
    if (this.num) {
      if (typeof v === 'number') {
        this.num[i] = v;
        return;
      }
      if (v === null || v === undefined) return;
      this.any = Array.from(this.num, (x) => (Number.isNaN(x) ? null : x));
      this.num = null;
    }
    this.any![i] = v ?? null;
  }

  /** out[i] = value of row at[i] (null for -1), for every i where `only` is unset or holds it. */
  gather(at: Int32Array, out: unknown[], only?: Uint8Array): void {
    const num = this.num;
    for (let i = 0; i < at.length; i++) {
      if (only && !only[i]) continue;
      const p = at[i];
      if (p < 0) out[i] = null;
      else if (num) {
        const v = p < num.length ? num[p] : NaN;
        out[i] = v !== v ? null : v; // NaN: no value
      } else out[i] = this.any![p] ?? null;
    }
  }
}

function resized<T extends Float64Array | Int32Array>(a: T, capacity: number, fill: number): T {
  const b = new (a.constructor as new (n: number) => T)(capacity);
  b.set(a);
  if (fill !== 0) b.fill(fill, a.length);
  return b;
}

/**
 * A columnar, in-memory copy of one feature view version's offline rows, for point-in-time
 * lookups without a database probe per (key, time) pair: per entity key, its row positions
 * sorted by (event_ts, created_ts, ingestion_seq), so a lookup is one binary search. Rows are
 * appended in ingestion order as the copy catches up with the store; it holds every row up to
 * `seq` and nothing beyond.
 */
export class OfflineIndex {
  /** The highest ingestion_seq the index holds every row up to. */
  seq = 0;
  rows = 0;
  /** The highest ingestion_seq appended (a load that failed half-way leaves it above `seq`). */
  private last = 0;
  private eventTs = new Float64Array(1024);
  private createdTs = new Float64Array(1024);
  private rowSeq = new Float64Array(1024);
  private batch = new Int32Array(1024);
  private readonly batchIds: string[] = [];
  private readonly batchIndex = new Map<string, number>();
  private readonly byKey = new Map<string, number[]>();
  private readonly columns: Map<string, Column>;

  constructor(features: CatalogView['features']) {
    this.columns = new Map(features.map((f) => [f.name, new Column(NUMERIC.has(f.valueType), 1024)]));
  }

  /** Room for `more` rows beyond those held: a load of known size then allocates once. */
  reserve(more: number): void {
    const need = this.rows + more;
    if (need <= this.eventTs.length) return;
    const capacity = Math.max(need, 2 * this.eventTs.length);
    this.eventTs = resized(this.eventTs, capacity, 0);
    this.createdTs = resized(this.createdTs, capacity, 0);
    this.rowSeq = resized(this.rowSeq, capacity, 0);
    this.batch = resized(this.batch, capacity, 0);
    for (const column of this.columns.values()) column.resize(capacity);
  }

  /** Adds rows in ingestion order; rows already held (a failed load retried) are skipped. */
  append(rows: OfflineRow[]): void {
    const unsorted = new Set<number[]>();
    for (const r of rows) {
      if (r.seq <= this.last) continue;
      this.last = r.seq;
      this.reserve(1);
      const i = this.rows++;
      this.eventTs[i] = r.eventTs;
      this.createdTs[i] = r.createdTs;
      this.rowSeq[i] = r.seq;
      let b = this.batchIndex.get(r.batchId);
      if (b === undefined) {
        b = this.batchIds.push(r.batchId) - 1;
        this.batchIndex.set(r.batchId, b);
      }
      this.batch[i] = b;
      for (const [name, column] of this.columns) column.set(i, r.values[name]);
      let positions = this.byKey.get(r.entityKey);
      if (!positions) this.byKey.set(r.entityKey, (positions = []));
      if (positions.length > 0 && this.after(positions[positions.length - 1], i)) unsorted.add(positions);
      positions.push(i);
    }
    // Rows mostly arrive in time order per key; a backfill of older rows re-sorts each key once.
    for (const positions of unsorted)
      positions.sort((a, b) => (this.after(a, b) ? 1 : this.after(b, a) ? -1 : 0));
  }

  /** Every row up to `seq` has been appended. */
  caughtUp(seq: number): void {
    this.seq = Math.max(this.seq, seq);
  }

  /**
   * The row the point-in-time rule picks for `key` at time `t`, or -1: the greatest
   * (event_ts, created_ts, ingestion_seq) with event_ts <= t, event_ts > t - ttl (ttl > 0),
   * created_ts <= asOf and ingestion_seq <= maxSeq.
   */
  find(key: string, t: number, b: PitBounds): number {
    const positions = this.byKey.get(key);
    if (!positions) return -1;
    // Last position with event_ts <= t, then back past rows the bounds hide.
    let lo = 0;
    let hi = positions.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.eventTs[positions[mid]] <= t) lo = mid + 1;
      else hi = mid;
    }
    for (let j = lo - 1; j >= 0; j--) {
      const p = positions[j];
      if (b.ttlMicros > 0 && this.eventTs[p] <= t - b.ttlMicros) return -1;
      if (this.rowSeq[p] > b.maxSeq) continue;
      if (b.asOf !== null && this.createdTs[p] > b.asOf) continue;
      return p;
    }
    return -1;
  }

  /** Whether this index's row p comes after `other`'s row q in (event_ts, created_ts, seq). */
  laterThan(p: number, other: OfflineIndex, q: number): boolean {
    if (this.eventTs[p] !== other.eventTs[q]) return this.eventTs[p] > other.eventTs[q];
    if (this.createdTs[p] !== other.createdTs[q]) return this.createdTs[p] > other.createdTs[q];
    return this.rowSeq[p] > other.rowSeq[q];
  }

  /**
   * Fills `out[i]` with the feature's value at row `at[i]` (null for -1 or no value), for each i
   * where `only` (if given) is set: a column at a time, the path a training set takes.
   */
  gather(feature: string, at: Int32Array, out: unknown[], only?: Uint8Array): void {
    const column = this.columns.get(feature);
    if (column) column.gather(at, out, only);
    else for (let i = 0; i < at.length; i++) if (!only || only[i]) out[i] = null;
  }

  batchOf(p: number): string {
    return this.batchIds[this.batch[p]];
  }

  private after(p: number, i: number): boolean {
    return this.laterThan(p, this, i);
  }
}
