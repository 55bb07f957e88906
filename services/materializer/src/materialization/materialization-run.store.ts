import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG } from '@provenant/platform';
import type { MaterializerConfig } from '../config';
import { runFromRow, type MaterializationRun } from './materialization-run';

/** Runs and per-view cursors in the materializer's schema. */
@Injectable()
export class MaterializationRunStore {
  private readonly s: string;

  constructor(@Inject(APP_CONFIG) config: MaterializerConfig) {
    this.s = `"${config.DATABASE_SCHEMA}"`;
  }

  async running(m: EntityManager, view: string): Promise<MaterializationRun | undefined> {
    const [row] = await m.query(
      `SELECT * FROM ${this.s}.materialization_runs WHERE feature_view = $1 AND status = 'RUNNING' FOR UPDATE`,
      [view],
    );
    return row ? runFromRow(row) : undefined;
  }

  async cursor(m: EntityManager, view: string, version: number) {
    const [row] = await m.query(
      `SELECT last_seq, watermark FROM ${this.s}.materialization_cursors WHERE feature_view = $1 AND view_version = $2`,
      [view, version],
    );
    return {
      lastSeq: row ? Number(row.last_seq) : 0,
      watermark: row?.watermark ? Number(row.watermark) : null,
    };
  }

  async insert(m: EntityManager, r: MaterializationRun): Promise<void> {
    await m.query(
      `INSERT INTO ${this.s}.materialization_runs (materialization_id, feature_view, view_version, mode, status,
         window_start, window_end, previous_watermark, watermark, after_seq, target_seq, digest, started_at,
         scheduled_for, ticks_covered, instance)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
      [
        r.materializationId,
        r.featureView,
        r.viewVersion,
        r.mode,
        r.status,
        r.windowStart,
        r.windowEnd,
        r.previousWatermark,
        r.watermark,
        r.afterSeq,
        r.targetSeq,
        r.digest,
        r.startedAt,
        r.scheduledFor,
        r.ticksCovered,
        r.instance,
      ],
    );
  }

  /** After a chunk, or at the end: the run's progress and outcome. */
  async update(m: EntityManager, r: MaterializationRun): Promise<void> {
    await m.query(
      `UPDATE ${this.s}.materialization_runs SET status = $2, watermark = $3, after_seq = $4, rows_read = $5,
         rows_written = $6, rows_skipped_stale = $7, digest = $8, completed_at = $9, error = $10
       WHERE materialization_id = $1`,
      [
        r.materializationId,
        r.status,
        r.watermark,
        r.afterSeq,
        r.rowsRead,
        r.rowsWritten,
        r.rowsSkippedStale,
        r.digest,
        r.completedAt,
        r.error,
      ],
    );
  }

  /** Why a run stopped short; its progress (last committed chunk) is left as it is. */
  async stopped(m: EntityManager, id: string, error: string): Promise<void> {
    await m.query(`UPDATE ${this.s}.materialization_runs SET error = $2 WHERE materialization_id = $1`, [
      id,
      error,
    ]);
  }

  /** The cursor only moves forward; window (BATCH) runs move the watermark but not the cursor. */
  async advance(m: EntityManager, r: MaterializationRun): Promise<void> {
    await m.query(
      `INSERT INTO ${this.s}.materialization_cursors (feature_view, view_version, last_seq, watermark)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (feature_view, view_version) DO UPDATE SET
         last_seq = GREATEST(${this.s}.materialization_cursors.last_seq, $3),
         watermark = GREATEST(${this.s}.materialization_cursors.watermark, $4)`,
      [r.featureView, r.viewVersion, r.mode === 'BATCH' ? 0 : r.afterSeq, r.watermark],
    );
  }

  async recent(m: EntityManager, view: string | undefined, limit: number): Promise<MaterializationRun[]> {
    const rows = await m.query(
      `SELECT * FROM ${this.s}.materialization_runs ${view ? 'WHERE feature_view = $2' : ''}
       ORDER BY started_at DESC LIMIT $1`,
      view ? [limit, view] : [limit],
    );
    return rows.map(runFromRow);
  }

  /**
   * Current views of the catalog. Read here rather than through FeatureCatalog, which has no
   * listing; same service, same schema.
   */
  async currentViews(m: EntityManager): Promise<string[]> {
    const rows = await m.query(
      `SELECT name FROM ${this.s}.catalog_feature_views WHERE current AND NOT deleted ORDER BY name`,
    );
    return rows.map((r: { name: string }) => r.name);
  }
}
