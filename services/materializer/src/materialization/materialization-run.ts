/** SCHEDULED runs are INCREMENTAL runs started by the view's schedule. */
export type RunMode = 'BATCH' | 'INCREMENTAL' | 'SCHEDULED';
export type RunStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED';

/** One materialization run of one view version, as stored after its last committed chunk. */
export interface MaterializationRun {
  materializationId: string;
  featureView: string;
  viewVersion: number;
  mode: RunMode;
  status: RunStatus;
  windowStart: number | null;
  windowEnd: number;
  previousWatermark: number | null;
  watermark: number | null;
  /** Resume point: every row up to this ingestion_seq is online. */
  afterSeq: number;
  targetSeq: number;
  rowsRead: number;
  rowsWritten: number;
  rowsSkippedStale: number;
  /** Running digest: sha256 over the previous digest and each chunk's rows. */
  digest: string;
  startedAt: number;
  completedAt: number | null;
  /** Why the run stopped short (it stays RUNNING and the next run of the view resumes it). */
  error: string | null;
  /** SCHEDULED: the last schedule tick (epoch ms) the run stands for, and how many ticks it covers. */
  scheduledFor: number | null;
  ticksCovered: number | null;
  /** The materializer instance that started the run. */
  instance: string | null;
}

const num = (v: string | null) => (v === null ? null : Number(v));

export function runFromRow(r: any): MaterializationRun {
  return {
    materializationId: r.materialization_id,
    featureView: r.feature_view,
    viewVersion: r.view_version,
    mode: r.mode,
    status: r.status,
    windowStart: num(r.window_start),
    windowEnd: Number(r.window_end),
    previousWatermark: num(r.previous_watermark),
    watermark: num(r.watermark),
    afterSeq: Number(r.after_seq),
    targetSeq: Number(r.target_seq),
    rowsRead: Number(r.rows_read),
    rowsWritten: Number(r.rows_written),
    rowsSkippedStale: Number(r.rows_skipped_stale),
    digest: r.digest,
    startedAt: Number(r.started_at),
    completedAt: num(r.completed_at),
    error: r.error,
    scheduledFor: num(r.scheduled_for),
    ticksCovered: r.ticks_covered ?? null,
    instance: r.instance ?? null,
  };
}
