import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG } from '@provenant/platform';
import type { MaterializerConfig } from '../config';
import { runFromRow, type MaterializationRun } from '../materialization/materialization-run';

/** Where one view's materialization stands; times in µs like the runs. */
export interface ViewMaterializationStatus {
  featureView: string;
  viewVersion: number;
  schedule: string | null;
  /** When the scheduler runs the view next; null when unscheduled (or its schedule is invalid). */
  nextRunAt: number | null;
  /** Why the schedule cannot run, or why its last tick failed. */
  scheduleError: string | null;
  /** Newest event_ts materialized by a run (the durable watermark). */
  watermark: number | null;
  /** Newest event_ts materialized by any path, streaming included. */
  newestOnline: number | null;
  /** The newest run that has an outcome: finished, or stopped by an error (resumed by the next run). */
  lastRun: MaterializationRun | null;
  /** A run in progress right now, if any. */
  runningId: string | null;
}

const us = (ms: string | null) => (ms === null ? null : Number(ms) * 1000);

@Injectable()
export class MaterializationStatusQuery {
  private readonly s: string;

  constructor(@Inject(APP_CONFIG) config: MaterializerConfig) {
    this.s = `"${config.DATABASE_SCHEMA}"`;
  }

  /** Every current view (or one): schedule, last run and watermark. */
  async views(m: EntityManager, view?: string): Promise<ViewMaterializationStatus[]> {
    const s = this.s;
    const rows: any[] = await m.query(
      `SELECT v.name AS view, v.version AS version, v.definition->>'materializationSchedule' AS declared,
              sc.next_due_at::text AS next_due_at, sc.error AS schedule_error, sc.schedule AS planned,
              c.watermark::text AS cursor_watermark, f.newest_event_ts::text AS newest, r.*
       FROM ${s}.catalog_feature_views v
       LEFT JOIN ${s}.materialization_schedules sc ON sc.feature_view = v.name
       LEFT JOIN ${s}.materialization_cursors c ON c.feature_view = v.name AND c.view_version = v.version
       LEFT JOIN ${s}.online_freshness f ON f.feature_view = v.name AND f.view_version = v.version
       LEFT JOIN LATERAL (SELECT * FROM ${s}.materialization_runs r WHERE r.feature_view = v.name
                          AND (r.status <> 'RUNNING' OR r.error IS NOT NULL)
                          ORDER BY r.started_at DESC LIMIT 1) r ON true
       LEFT JOIN LATERAL (SELECT materialization_id AS running_id FROM ${s}.materialization_runs x
                          WHERE x.feature_view = v.name AND x.status = 'RUNNING' AND x.error IS NULL
                          ORDER BY x.started_at DESC LIMIT 1) x ON true
       WHERE v.current AND NOT v.deleted ${view ? 'AND v.name = $1' : ''}
       ORDER BY v.name`,
      view ? [view] : [],
    );
    return rows.map((r) => {
      // Until the scheduler has planned a new or changed schedule, its state is not known yet.
      const planned = r.declared !== null && r.planned === r.declared;
      return {
        featureView: r.view,
        viewVersion: r.version,
        schedule: r.declared,
        nextRunAt: planned ? us(r.next_due_at) : null,
        scheduleError: planned ? r.schedule_error : null,
        watermark: r.cursor_watermark === null ? null : Number(r.cursor_watermark),
        newestOnline: r.newest === null ? null : Number(r.newest),
        lastRun: r.materialization_id ? runFromRow(r) : null,
        runningId: r.running_id ?? null,
      };
    });
  }
}
