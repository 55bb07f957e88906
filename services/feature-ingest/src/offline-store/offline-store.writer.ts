import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, copyIn, copyText } from '@provenant/platform';
import type { FeatureIngestConfig } from '../config';
import type { ValidRow } from '../ingest/row-validator';
import type { BatchRecord, QuarantinedRow } from './batch-record';

/** An ingest_batches row as a BatchRecord (bigint columns arrive as text). */
function toRecord(row: any): BatchRecord {
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

/** The single writer of the offline store: rows are appended, never updated (DESIGN.md §3). */
@Injectable()
export class OfflineStoreWriter {
  private readonly s: string;
  private sequence?: Promise<string>;

  constructor(@Inject(APP_CONFIG) config: FeatureIngestConfig) {
    this.s = `"${config.DATABASE_SCHEMA}"`;
  }

  /**
   * `n` ingestion sequence numbers, ascending. COPY returns nothing, so the numbers are drawn
   * first and written explicitly: ingestion_seq is the last tie-breaker of point-in-time
   * retrieval, and the batch record keeps each batch's range.
   */
  async reserveSequence(m: EntityManager, n: number): Promise<string[]> {
    this.sequence ??= m
      .query(`SELECT pg_get_serial_sequence('${this.s}.feature_rows', 'ingestion_seq') AS name`)
      .then(([row]: { name: string }[]) => row.name)
      .catch((err: unknown) => {
        this.sequence = undefined;
        throw err;
      });
    // The sequence by name, resolved once: resolving it per row made this query 8x slower.
    const [{ seqs }] = await m.query(
      `SELECT array_agg(v ORDER BY v) AS seqs FROM (SELECT nextval($2::regclass) AS v FROM generate_series(1, $1::int)) s`,
      [n, await this.sequence],
    );
    return seqs;
  }

  /**
   * Appends batches of rows, each row with its reserved sequence number, with one COPY: the
   * fastest way into PostgreSQL (an INSERT from arrays ran at a third of COPY's rate, and a
   * statement per batch cost more than its rows). `batches` is pulled as the COPY drains, so a
   * lazy iterable overlaps its own work with PostgreSQL's.
   */
  async copyRows(
    m: EntityManager,
    createdTs: number,
    batches: Iterable<{ view: string; version: number; batchId: string; rows: ValidRow[]; seqs: string[] }>,
  ): Promise<void> {
    const lines = function* () {
      for (const b of batches) {
        const head = `${copyText(b.view)}\t${b.version}\t`;
        const tail = `\t${createdTs}\t${copyText(b.batchId)}\t`;
        let chunk = '';
        b.rows.forEach((r, i) => {
          chunk += `${head}${copyText(r.entityKey)}\t${r.eventTs}${tail}${b.seqs[i]}\t${copyText(r.valuesJson)}\n`;
        });
        yield chunk;
      }
    };
    await copyIn(
      m,
      `${this.s}.feature_rows (feature_view, view_version, entity_key, event_ts, created_ts, batch_id, ingestion_seq, "values")`,
      lines(),
    );
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

  /** The records of those batch ids already ingested, by id. */
  async findBatches(m: EntityManager, batchIds: string[]): Promise<Map<string, BatchRecord>> {
    const rows = await m.query(`SELECT * FROM ${this.s}.ingest_batches WHERE batch_id = ANY($1::text[])`, [
      batchIds,
    ]);
    return new Map(rows.map((row: any) => [row.batch_id, toRecord(row)]));
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
