import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG } from '@provenant/platform';
import type { FeatureIngestConfig } from '../config';
import type { ValidRow } from '../ingest/row-validator';
import type { BatchRecord, QuarantinedRow } from './batch-record';

/** The single writer of the offline store: rows are appended, never updated (DESIGN.md §3). */
@Injectable()
export class OfflineStoreWriter {
  private readonly s: string;

  constructor(@Inject(APP_CONFIG) config: FeatureIngestConfig) {
    this.s = `"${config.DATABASE_SCHEMA}"`;
  }

  /**
   * Appends the rows in batch order: ingestion_seq follows the input order (ORDER BY ordinality),
   * which is the last tie-breaker of point-in-time retrieval. Keys and times travel as arrays and
   * the values as one JSON array, so the statement has seven parameters whatever the batch size
   * (one JSON document parses faster than an array literal of JSON strings).
   */
  async appendRows(
    m: EntityManager,
    b: { view: string; version: number; batchId: string; createdTs: number; rows: ValidRow[] },
  ) {
    const [range] = await m.query(
      `WITH ins AS (
         INSERT INTO ${this.s}.feature_rows (feature_view, view_version, entity_key, event_ts, created_ts, batch_id, "values")
         SELECT $1, $2, u.k, u.t, $3, $4, j.v
         FROM unnest($5::text[], $6::bigint[]) WITH ORDINALITY AS u(k, t, i)
         JOIN jsonb_array_elements($7::jsonb) WITH ORDINALITY AS j(v, n) ON j.n = u.i
         ORDER BY u.i
         RETURNING ingestion_seq)
       SELECT min(ingestion_seq) AS first, max(ingestion_seq) AS last FROM ins`,
      [
        b.view,
        b.version,
        b.createdTs,
        b.batchId,
        b.rows.map((r) => r.entityKey),
        b.rows.map((r) => r.eventTs),
        `[${b.rows.map((r) => r.valuesJson).join(',')}]`,
      ],
    );
    return { first: Number(range.first), last: Number(range.last) };
  }

  async recordBatch(m: EntityManager, r: BatchRecord): Promise<void> {
    await m.query(
      `INSERT INTO ${this.s}.ingest_batches (batch_id, feature_view, view_version, source, source_uri, policy, total_rows, accepted, rejected,
         created_ts, event_ts_min, event_ts_max, ingestion_seq_first, ingestion_seq_last, rows_digest, actor)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
      [
        r.batchId,
        r.featureView,
        r.featureViewVersion,
        r.source,
        r.sourceUri,
        r.policy,
        r.totalRows,
        r.accepted,
        r.rejected,
        r.createdTs,
        r.eventTsMin,
        r.eventTsMax,
        r.ingestionSeqFirst,
        r.ingestionSeqLast,
        r.rowsDigest,
        r.actor,
      ],
    );
  }

  async findBatch(m: EntityManager, batchId: string): Promise<BatchRecord | undefined> {
    const [row] = await m.query(`SELECT * FROM ${this.s}.ingest_batches WHERE batch_id = $1`, [batchId]);
    if (!row) return undefined;
    const num = (v: string | null) => (v === null ? null : Number(v));
    return {
      batchId: row.batch_id,
      featureView: row.feature_view,
      featureViewVersion: row.view_version,
      source: row.source,
      sourceUri: row.source_uri,
      policy: row.policy,
      totalRows: row.total_rows,
      accepted: row.accepted,
      rejected: row.rejected,
      createdTs: Number(row.created_ts),
      eventTsMin: num(row.event_ts_min),
      eventTsMax: num(row.event_ts_max),
      ingestionSeqFirst: num(row.ingestion_seq_first),
      ingestionSeqLast: num(row.ingestion_seq_last),
      rowsDigest: row.rows_digest,
      actor: row.actor,
    };
  }

  async quarantine(m: EntityManager, batchId: string, view: string, rows: QuarantinedRow[]): Promise<void> {
    if (rows.length === 0) return;
    await m.query(
      `INSERT INTO ${this.s}.quarantined_rows (batch_id, row_index, feature_view, reason, field, message, row_data)
       SELECT $1, i, $2, r, f, msg, d FROM unnest($3::int[], $4::text[], $5::text[], $6::text[], $7::jsonb[]) AS u(i, r, f, msg, d)`,
      [
        batchId,
        view,
        rows.map((r) => r.rowIndex),
        rows.map((r) => r.reason),
        rows.map((r) => r.field),
        rows.map((r) => r.message),
        rows.map((r) => JSON.stringify(r.row ?? null)),
      ],
    );
  }

  async quarantined(m: EntityManager, batchId: string): Promise<QuarantinedRow[]> {
    const rows = await m.query(
      `SELECT row_index, reason, field, message, row_data FROM ${this.s}.quarantined_rows WHERE batch_id = $1 ORDER BY row_index`,
      [batchId],
    );
    return rows.map((r: any) => ({
      rowIndex: r.row_index,
      reason: r.reason,
      field: r.field,
      message: r.message,
      row: r.row_data,
    }));
  }
}
