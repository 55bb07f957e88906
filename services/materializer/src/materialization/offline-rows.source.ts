import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Pool } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { APP_CONFIG } from '@provenant/platform';
import { offlineStoreUrl, type MaterializerConfig } from '../config';
import { copyTextRows } from './copy-text';

/** One offline-store row as materialization needs it; times in µs, exact (bigint columns). */
export interface OfflineRow {
  entityKey: string;
  eventTs: number;
  createdTs: number;
  seq: number;
  batchId: string;
  values: Record<string, unknown>;
}

// Ingest transactions commit within this long of taking their sequence numbers (see committedSeq).
export const COMMIT_HORIZON_MICROS = 5_000_000;

/** What `committedSeq` and the COPY below need of a pg client or pool. */
export interface Queryable {
  query(text: string, values?: unknown[]): Promise<{ rows: any[] }>;
}

/**
 * The last ingestion_seq of the view's batches committed before `horizon` (µs). Sequence
 * numbers are taken before commit, so a slow transaction can commit a lower number after a
 * higher one is visible; staying behind the horizon keeps a cursor from skipping it.
 */
export async function committedSeq(
  db: Queryable,
  batches: string,
  view: string,
  version: number,
  horizon: number,
): Promise<number> {
  const { rows } = await db.query(
    `SELECT coalesce(max(ingestion_seq_last), 0)::text AS seq FROM ${batches}
     WHERE feature_view = $1 AND view_version = $2 AND created_ts <= $3`,
    [view, version, horizon],
  );
  return Number(rows[0].seq);
}

/** COPY takes no bind parameters: numbers in its text are checked to be integers. */
const int = (n: number) => {
  if (!Number.isSafeInteger(n)) throw new Error(`not an integer: ${n}`);
  return String(n);
};

/** `COPY … TO STDOUT` of a view version's rows with afterSeq < ingestion_seq <= maxSeq, in ingestion order. */
export function offlineRowsCopy(
  table: string,
  literal: (s: string) => string,
  q: {
    view: string;
    version: number;
    afterSeq: number;
    maxSeq: number;
    start?: number | null;
    end?: number | null;
  },
): string {
  const window =
    (q.start != null ? ` AND event_ts >= ${int(q.start)}` : '') +
    (q.end != null ? ` AND event_ts <= ${int(q.end)}` : '');
  return `COPY (SELECT entity_key, event_ts, created_ts, ingestion_seq, batch_id, "values"
    FROM ${table} WHERE feature_view = ${literal(q.view)} AND view_version = ${int(q.version)}
    AND ingestion_seq > ${int(q.afterSeq)} AND ingestion_seq <= ${int(q.maxSeq)}${window}
    ORDER BY ingestion_seq) TO STDOUT`;
}

const COLUMNS = `entity_key, event_ts::text AS event_ts, created_ts::text AS created_ts,
  ingestion_seq::text AS seq, batch_id, "values"`;

/** Reads the offline store for materialization, through a read-only connection. */
@Injectable()
export class OfflineRowsSource implements OnModuleDestroy {
  private readonly pool: Pool;
  private readonly table: string;
  private readonly batches: string;

  constructor(@Inject(APP_CONFIG) config: MaterializerConfig) {
    this.pool = new Pool({
      connectionString: offlineStoreUrl(config),
      max: 4,
      options: '-c default_transaction_read_only=on',
    });
    this.table = `"${config.OFFLINE_STORE_SCHEMA}".feature_rows`;
    this.batches = `"${config.OFFLINE_STORE_SCHEMA}".ingest_batches`;
  }

  /** The accepted rows of one ingest batch (index feature_rows_batch). */
  async batch(batchId: string): Promise<OfflineRow[]> {
    const { rows } = await this.pool.query(`SELECT ${COLUMNS} FROM ${this.table} WHERE batch_id = $1`, [
      batchId,
    ]);
    return rows.map(toRow);
  }

  /**
   * Rows of a view version ingested after `afterSeq` (up to `maxSeq`), in ingestion order, `size`
   * at a time: the incremental cursor is on ingestion order, not event time, so late rows are
   * never skipped (Feast's event-time watermark misses them, feast#4133). Optional event-time
   * window. One COPY per run rather than one query per chunk: the table has no index in
   * ingestion order per view, so each paged query would scan and sort the view again.
   */
  async *stream(q: {
    view: string;
    version: number;
    afterSeq: number;
    maxSeq: number;
    size: number;
    start: number | null;
    end: number | null;
  }): AsyncGenerator<OfflineRow[]> {
    const client = await this.pool.connect();
    let finished = false;
    try {
      // The view's name is quoted by the driver.
      const stream = client.query(copyTo(offlineRowsCopy(this.table, (v) => client.escapeLiteral(v), q)));
      for await (const rows of copyTextRows(stream, q.size)) yield rows.map(fromFields);
      finished = true;
    } finally {
      // Abandoned half-way (the run failed): drop the connection, which ends the COPY too.
      client.release(finished ? undefined : new Error('COPY abandoned'));
    }
  }

  async committedSeq(view: string, version: number, horizon: number): Promise<number> {
    return committedSeq(this.pool, this.batches, view, version, horizon);
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool.end();
  }
}

/** A row of `offlineRowsCopy`'s output, as `copyTextRows` splits it. */
export function fromFields([entityKey, eventTs, createdTs, seq, batchId, values]: string[]): OfflineRow {
  return {
    entityKey,
    eventTs: Number(eventTs),
    createdTs: Number(createdTs),
    seq: Number(seq),
    batchId,
    values: JSON.parse(values),
  };
}

function toRow(r: any): OfflineRow {
  return {
    entityKey: r.entity_key,
    eventTs: Number(r.event_ts),
    createdTs: Number(r.created_ts),
    seq: Number(r.seq),
    batchId: r.batch_id,
    values: r.values,
  };
}
