import { Logger } from '@nestjs/common';
import type { Pool, PoolClient } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { Gauge, register } from 'prom-client';
import { copyTextRows } from '../materialization/copy-text';
import {
  COMMIT_HORIZON_MICROS,
  committedSeq,
  fromFields,
  offlineRowsCopy,
} from '../materialization/offline-rows.source';
import type { CatalogView } from './feature-catalog';
import { OfflineIndex } from './offline-index';

export interface IndexedView {
  /** The view's rows up to `frontier`, and possibly later ones the request must not see. */
  index: OfflineIndex;
  frontier: number;
  /** The rows past `frontier` in the request's snapshot (rows committed within the horizon). */
  tail: OfflineIndex;
}

export interface IndexCacheOptions {
  pool: Pool;
  /** Qualified names of the offline store's tables. */
  rowsTable: string;
  batchesTable: string;
  maxRows: number;
  syncLoadRows: number;
}

type ViewRef = { view: string; version: number; features: CatalogView['features'] };

const LAST_SEQ = Number.MAX_SAFE_INTEGER;

/** The live caches (one per process, or several in a test process) the gauge reports on. */
const caches = new Set<OfflineIndexCache>();

function indexRowsGauge(): void {
  if (register.getSingleMetric('provenant_offline_index_rows')) return;
  new Gauge({
    name: 'provenant_offline_index_rows',
    help: 'Offline-store rows held in memory for point-in-time lookups, per feature view version.',
    labelNames: ['feature_view'],
    collect() {
      this.reset();
      for (const cache of caches)
        for (const [view, rows] of cache.sizes()) this.inc({ feature_view: view }, rows);
    },
  });
}

/**
 * In-memory point-in-time indexes of the offline store, one per view version, kept up to date by
 * ingestion order (the store is append-only). PostgreSQL stays the source of truth: an index holds
 * only rows whose transactions have surely committed (the commit horizon materialization uses),
 * and each request reads the rows past that frontier from its own snapshot. A view that would take
 * the index past OFFLINE_INDEX_MAX_ROWS is not indexed; its lookups probe PostgreSQL.
 */
export class OfflineIndexCache {
  private readonly log = new Logger('OfflineIndexCache');
  private readonly indexes = new Map<string, OfflineIndex>();
  private readonly tooLarge = new Set<string>();
  private readonly loading = new Set<string>();
  private readonly chains = new Map<string, Promise<unknown>>();

  constructor(private readonly options: IndexCacheOptions) {
    indexRowsGauge();
    caches.add(this);
  }

  close(): void {
    caches.delete(this);
    this.indexes.clear();
  }

  /** Rows held per view version. */
  *sizes(): Iterable<[string, number]> {
    for (const [view, index] of this.indexes) yield [view, index.rows];
  }

  /**
   * The view's index caught up with the committed frontier seen in the request's snapshot, and
   * the rows past it; null when its lookups go to PostgreSQL (too large, or still loading).
   */
  async view(client: PoolClient, ref: ViewRef): Promise<IndexedView | null> {
    if (this.options.maxRows === 0) return null;
    const key = `${ref.view}@v${ref.version}`;
    if (this.tooLarge.has(key) || this.loading.has(key)) return null;
    const frontier = await this.frontier(client, ref);
    let index = this.indexes.get(key);
    const held = index?.seq ?? 0;
    let rows = 0;
    if (frontier > held) {
      rows = await this.count(client, ref, held, frontier);
      if (this.heldRows() + rows > this.options.maxRows) {
        this.drop(key, rows);
        return null;
      }
      if (!index && rows > this.options.syncLoadRows) {
        this.loadInBackground(key, ref, rows);
        return null;
      }
    }
    if (!index) this.indexes.set(key, (index = new OfflineIndex(ref.features)));
    const target = index;
    await this.serial(key, () => this.load(client, target, ref, frontier, rows));
    const tail = new OfflineIndex(ref.features);
    await this.copy(client, tail, ref, frontier, LAST_SEQ);
    return { index, frontier, tail };
  }

  private heldRows(): number {
    let n = 0;
    for (const index of this.indexes.values()) n += index.rows;
    return n;
  }

  private drop(key: string, rows: number): void {
    this.indexes.delete(key);
    this.tooLarge.add(key);
    this.log.warn({
      msg: 'feature view not indexed for point-in-time lookups: over OFFLINE_INDEX_MAX_ROWS',
      featureView: key,
      rows,
      maxRows: this.options.maxRows,
    });
  }

  /**
   * A large first load (about `rows`, as counted by the request that found it): in its own
   * snapshot, while requests probe PostgreSQL.
   */
  private loadInBackground(key: string, ref: ViewRef, rows: number): void {
    this.loading.add(key);
    const started = Date.now();
    void this.serial(key, async () => {
      const client = await this.options.pool.connect();
      try {
        await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
        const index = new OfflineIndex(ref.features);
        await this.load(client, index, ref, await this.frontier(client, ref), rows);
        await client.query('COMMIT');
        if (this.heldRows() + index.rows > this.options.maxRows) return this.drop(key, index.rows);
        this.indexes.set(key, index);
        this.log.log({
          msg: 'feature view indexed',
          featureView: key,
          rows: index.rows,
          ms: Date.now() - started,
        });
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        this.log.error({ msg: 'loading the point-in-time index failed', featureView: key, err });
      } finally {
        client.release();
        this.loading.delete(key);
      }
    });
  }

  /** In the client's snapshot: the last ingestion_seq of the view's batches past the commit horizon. */
  private frontier(client: PoolClient, ref: ViewRef): Promise<number> {
    const horizon = Date.now() * 1000 - COMMIT_HORIZON_MICROS;
    return committedSeq(client, this.options.batchesTable, ref.view, ref.version, horizon);
  }

  /** Rows up to `frontier` not yet held (about `rows` of them), appended in ingestion order. */
  private async load(client: PoolClient, index: OfflineIndex, ref: ViewRef, frontier: number, rows: number) {
    if (index.seq >= frontier) return; // another request caught it up meanwhile
    index.reserve(rows);
    await this.copy(client, index, ref, index.seq, frontier);
    index.caughtUp(frontier);
  }

  private async copy(
    client: PoolClient,
    index: OfflineIndex,
    ref: ViewRef,
    afterSeq: number,
    maxSeq: number,
  ) {
    const sql = offlineRowsCopy(this.options.rowsTable, (v) => client.escapeLiteral(v), {
      view: ref.view,
      version: ref.version,
      afterSeq,
      maxSeq,
    });
    // 1,000 rows at a time: parsed rows then die young. With 10,000, the 1M-row load took 9.5-11 s
    // and the process peaked at ~690 MB RSS; with 1,000, 5.3-6.3 s and ~500 MB.
    for await (const rows of copyTextRows(client.query(copyTo(sql)), 1_000))
      index.append(rows.map(fromFields));
  }

  private async count(client: PoolClient, ref: ViewRef, afterSeq: number, maxSeq: number): Promise<number> {
    const { rows } = await client.query(
      `SELECT count(*)::int AS n FROM ${this.options.rowsTable}
        WHERE feature_view = $1 AND view_version = $2 AND ingestion_seq > $3 AND ingestion_seq <= $4`,
      [ref.view, ref.version, afterSeq, maxSeq],
    );
    return rows[0].n;
  }

  /** One load of a view at a time: two requests must not append the same rows. */
  private serial<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const run = (this.chains.get(key) ?? Promise.resolve()).catch(() => undefined).then(fn);
    this.chains.set(key, run);
    return run;
  }
}
