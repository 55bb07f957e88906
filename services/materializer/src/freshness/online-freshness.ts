import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG } from '@provenant/platform';
import type { MaterializerConfig } from '../config';

export interface ViewFreshness {
  featureView: string;
  viewVersion: number;
  thresholdMicros: number;
  /** Newest event_ts materialized online for the current version; null if none yet. */
  newestEventTs: number | null;
}

/**
 * The newest event_ts each view version has had materialized, by streaming or by runs, kept in
 * PostgreSQL so every instance (and its readiness probe) sees the same freshness.
 */
@Injectable()
export class OnlineFreshness {
  private readonly s: string;

  constructor(@Inject(APP_CONFIG) config: MaterializerConfig) {
    this.s = `"${config.DATABASE_SCHEMA}"`;
  }

  /** Only ever moves forward; written in the transaction of the materialization it records. */
  async record(m: EntityManager, view: string, version: number, eventTs: number): Promise<void> {
    await m.query(
      `INSERT INTO ${this.s}.online_freshness (feature_view, view_version, newest_event_ts, updated_at)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (feature_view, view_version) DO UPDATE SET
         newest_event_ts = GREATEST(${this.s}.online_freshness.newest_event_ts, $3), updated_at = $4`,
      [view, version, eventTs, Date.now() * 1000],
    );
  }

  /** Current views that declare a freshness threshold, with their newest materialized event_ts. */
  async thresholds(m: EntityManager): Promise<ViewFreshness[]> {
    const rows: any[] = await m.query(
      `SELECT v.name, v.version, (v.definition->>'freshnessThresholdMicros')::bigint::text AS threshold,
              f.newest_event_ts::text AS newest
       FROM ${this.s}.catalog_feature_views v
       LEFT JOIN ${this.s}.online_freshness f ON f.feature_view = v.name AND f.view_version = v.version
       WHERE v.current AND NOT v.deleted AND (v.definition->>'freshnessThresholdMicros') IS NOT NULL
       ORDER BY v.name`,
    );
    return rows.map((r) => ({
      featureView: r.name,
      viewVersion: r.version,
      thresholdMicros: Number(r.threshold),
      newestEventTs: r.newest === null ? null : Number(r.newest),
    }));
  }
}
