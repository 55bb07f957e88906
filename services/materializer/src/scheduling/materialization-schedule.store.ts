import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG } from '@provenant/platform';
import type { MaterializerConfig } from '../config';

/** Where a scheduled view stands; times are epoch ms. */
export interface ScheduleState {
  featureView: string;
  schedule: string;
  /** The next tick to run; null when the schedule is not valid cron (see error). */
  nextDueAt: number | null;
  lastDueAt: number | null;
  lastRunId: string | null;
  /** Why the schedule cannot run, or why its last tick failed. */
  error: string | null;
}

const num = (v: string | null) => (v === null ? null : Number(v));
const toState = (r: any): ScheduleState => ({
  featureView: r.feature_view,
  schedule: r.schedule,
  nextDueAt: num(r.next_due_at),
  lastDueAt: num(r.last_due_at),
  lastRunId: r.last_run_id,
  error: r.error,
});

/** The schedule rows, kept in line with the schedules the catalog declares. */
@Injectable()
export class MaterializationScheduleStore {
  private readonly s: string;

  constructor(@Inject(APP_CONFIG) config: MaterializerConfig) {
    this.s = `"${config.DATABASE_SCHEMA}"`;
  }

  /** Current views that declare a schedule, with their state (undefined until first planned). */
  async declared(m: EntityManager): Promise<{ view: string; schedule: string; state?: ScheduleState }[]> {
    // A schedule removed from its view (or its view deleted) is forgotten: re-adding it later
    // starts from the next tick, not from a catch-up of the whole gap.
    await m.query(
      `DELETE FROM ${this.s}.materialization_schedules s WHERE NOT EXISTS (
         SELECT 1 FROM ${this.s}.catalog_feature_views v WHERE v.name = s.feature_view AND v.current
           AND NOT v.deleted AND v.definition->>'materializationSchedule' IS NOT NULL)`,
    );
    const rows: any[] = await m.query(
      `SELECT v.name AS view, v.definition->>'materializationSchedule' AS declared, s.*
       FROM ${this.s}.catalog_feature_views v
       LEFT JOIN ${this.s}.materialization_schedules s ON s.feature_view = v.name
       WHERE v.current AND NOT v.deleted AND v.definition->>'materializationSchedule' IS NOT NULL
       ORDER BY v.name`,
    );
    return rows.map((r) => ({
      view: r.view,
      schedule: r.declared,
      state: r.feature_view ? toState(r) : undefined,
    }));
  }

  async get(m: EntityManager, view: string): Promise<ScheduleState | undefined> {
    const [row] = await m.query(`SELECT * FROM ${this.s}.materialization_schedules WHERE feature_view = $1`, [
      view,
    ]);
    return row ? toState(row) : undefined;
  }

  /** A new or changed schedule: its first tick. Instances racing here compute the same row. */
  async plan(
    m: EntityManager,
    view: string,
    schedule: string,
    nextDueAt: number | null,
    error: string | null,
  ) {
    await m.query(
      `INSERT INTO ${this.s}.materialization_schedules (feature_view, schedule, next_due_at, error, updated_at)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (feature_view) DO UPDATE SET schedule = $2, next_due_at = $3, error = $4, updated_at = $5
       WHERE ${this.s}.materialization_schedules.schedule IS DISTINCT FROM $2`,
      [view, schedule, nextDueAt, error, Date.now()],
    );
  }

  /** A tick handled (with the run that covered it, or the error that stopped it). */
  async ticked(
    m: EntityManager,
    view: string,
    t: { lastDueAt: number; nextDueAt: number; runId: string | null; error: string | null },
  ) {
    await m.query(
      `UPDATE ${this.s}.materialization_schedules SET last_due_at = $2, next_due_at = $3,
         last_run_id = COALESCE($4, last_run_id), error = $5, updated_at = $6
       WHERE feature_view = $1`,
      [view, t.lastDueAt, t.nextDueAt, t.runId, t.error, Date.now()],
    );
  }
}
