import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Pool, type PoolClient } from 'pg';
import { APP_CONFIG } from '@provenant/platform';
import { offlineStoreUrl, type MaterializerConfig } from '../config';
import type { CatalogView } from './feature-catalog';
import { OfflineIndexCache } from './offline-index-cache';
import { lookupIndexed } from './indexed-lookup';

export interface PitLookup {
  view: string;
  version: number;
  ttlMicros: number;
  /** The view version's features (the index holds them all). */
  features: CatalogView['features'];
  keys: string[];
  ts: number[];
}

export interface PitResult {
  /** Each entity row's value of `feature` from the row the rule chose, or null, in input order. */
  column(feature: string): unknown[];
  /** The ingest batches of the chosen rows. */
  batches: Set<string>;
}

const CONNECTIONS = 4;
const MIN_CHUNK = 2_000; // a few thousand probes already take ~50 ms: worth a second CPU

/**
 * Reads the offline store (DESIGN.md §3) through a read-only connection: feature-ingest is its
 * only writer. Each entity row is one binary search in the view's in-memory index
 * (OfflineIndexCache) and in the rows the index does not hold yet, read in the request's snapshot.
 * A view without an index is probed in PostgreSQL, one index range scan per pair, large requests
 * split across connections that share one exported snapshot, so every view and chunk sees the
 * same data.
 */
@Injectable()
export class OfflineStoreReader implements OnModuleDestroy {
  private readonly pool: Pool;
  private readonly table: string;
  private readonly indexes: OfflineIndexCache;

  constructor(@Inject(APP_CONFIG) config: MaterializerConfig) {
    // Read-only even if the role were not: a write would fail instead of corrupting the store.
    this.pool = new Pool({
      connectionString: offlineStoreUrl(config),
      max: CONNECTIONS,
      options: '-c default_transaction_read_only=on',
    });
    // An idle connection closed by the server (restart, failover) must not crash the process:
    // the pool drops it and the next query opens a new one.
    this.pool.on('error', () => undefined);
    const schema = `"${config.OFFLINE_STORE_SCHEMA}"`;
    this.table = `${schema}.feature_rows`;
    this.indexes = new OfflineIndexCache({
      pool: this.pool,
      rowsTable: this.table,
      batchesTable: `${schema}.ingest_batches`,
      maxRows: config.OFFLINE_INDEX_MAX_ROWS,
      syncLoadRows: config.OFFLINE_INDEX_SYNC_LOAD_ROWS,
    });
  }

  /**
   * For each lookup row at time t: the row with the greatest (event_ts, created_ts,
   * ingestion_seq) among event_ts <= t, event_ts > t - ttl (no lower bound for ttl 0) and, with
   * asOf, created_ts <= asOf.
   */
  async pointInTime(lookups: PitLookup[], asOf: number | null): Promise<PitResult[]> {
    const clients: PoolClient[] = [await this.pool.connect()];
    try {
      await clients[0].query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const [{ snapshot }] = (await clients[0].query('SELECT pg_export_snapshot() AS snapshot')).rows;
      const results: PitResult[] = [];
      for (const l of lookups) {
        const indexed = await this.indexes.view(clients[0], l);
        results.push(
          indexed ? lookupIndexed(l, asOf, indexed) : await this.lookup(clients, snapshot, l, asOf),
        );
      }
      for (const c of clients) await c.query('COMMIT');
      return results;
    } catch (err) {
      for (const c of clients) await c.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      for (const c of clients) c.release();
    }
  }

  /**
   * A client in the shared snapshot, opened on demand. Never waits for the pool: when it is
   * exhausted (concurrent requests) chunks share the clients this request holds, which run their
   * queries one after another, so requests cannot deadlock each other.
   */
  private async client(clients: PoolClient[], snapshot: string, n: number): Promise<PoolClient> {
    if (n < clients.length) return clients[n];
    if (this.pool.totalCount >= CONNECTIONS && this.pool.idleCount === 0) return clients[n % clients.length];
    const c = await this.pool.connect();
    clients.push(c);
    await c.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    await c.query(`SET TRANSACTION SNAPSHOT '${snapshot.replace(/'/g, '')}'`);
    return c;
  }

  private async lookup(
    clients: PoolClient[],
    snapshot: string,
    l: PitLookup,
    asOf: number | null,
  ): Promise<PitResult> {
    const { keys, ts, slot } = distinctPairs(l);
    const chunks = Math.max(1, Math.min(CONNECTIONS, Math.floor(ts.length / MIN_CHUNK)));
    const size = Math.ceil(ts.length / chunks);
    const values: (Record<string, unknown> | null)[] = new Array(ts.length).fill(null);
    const batches = new Set<string>();
    const conns: PoolClient[] = [];
    for (let c = 0; c < chunks; c++) conns.push(await this.client(clients, snapshot, c));
    await Promise.all(
      conns.map(async (client, c) => {
        const from = c * size;
        const rows = await this.query(
          client,
          l,
          asOf,
          keys.slice(from, from + size),
          ts.slice(from, from + size),
        );
        for (const r of rows) {
          values[from + Number(r.i) - 1] = r.values;
          if (r.batch_id) batches.add(r.batch_id);
        }
      }),
    );
    return {
      // Each distinct chosen row read once, then spread over the entity rows that share it.
      column: (feature) => {
        const distinct = values.map((row) => row?.[feature] ?? null);
        const column = new Array<unknown>(slot.length);
        for (let i = 0; i < slot.length; i++) column[i] = distinct[slot[i]];
        return column;
      },
      batches,
    };
  }

  private async query(client: PoolClient, l: PitLookup, asOf: number | null, keys: string[], ts: number[]) {
    const params: unknown[] = [l.view, l.version, keys, ts];
    const lower = l.ttlMicros > 0 ? `AND r.event_ts > e.t - $${params.push(l.ttlMicros)}` : '';
    const created = asOf !== null ? `AND r.created_ts <= $${params.push(asOf)}` : '';
    const { rows } = await client.query(
      `SELECT e.i, f."values", f.batch_id FROM unnest($3::text[], $4::bigint[]) WITH ORDINALITY AS e(k, t, i)
       JOIN LATERAL (
         SELECT r."values", r.batch_id FROM ${this.table} r
         WHERE r.feature_view = $1 AND r.view_version = $2 AND r.entity_key = e.k AND r.event_ts <= e.t ${lower} ${created}
         ORDER BY r.event_ts DESC, r.created_ts DESC, r.ingestion_seq DESC LIMIT 1) f ON true`,
      params,
    );
    return rows as { i: string; values: Record<string, unknown>; batch_id: string }[];
  }

  async onModuleDestroy(): Promise<void> {
    this.indexes.close();
    await this.pool.end();
  }
}

/**
 * Distinct (key, time) pairs, numbered by key, then time (so PostgreSQL probes walk its index in
 * order), and each input row's pair. Nested maps: a `${t}|${k}` string per row cost more than the
 * probes themselves.
 */
function distinctPairs(l: PitLookup): { keys: string[]; ts: number[]; slot: Int32Array } {
  const byKey = new Map<string, Map<number, number>>();
  for (let i = 0; i < l.keys.length; i++) {
    let times = byKey.get(l.keys[i]);
    if (!times) byKey.set(l.keys[i], (times = new Map()));
    times.set(l.ts[i], -1);
  }
  const keys: string[] = [];
  const ts: number[] = [];
  for (const k of [...byKey.keys()].sort()) {
    const times = byKey.get(k)!;
    for (const t of [...times.keys()].sort((a, b) => a - b)) {
      times.set(t, ts.length);
      keys.push(k);
      ts.push(t);
    }
  }
  const slot = new Int32Array(l.keys.length);
  for (let i = 0; i < l.keys.length; i++) slot[i] = byKey.get(l.keys[i])!.get(l.ts[i])!;
  return { keys, ts, slot };
}
