import { v7 as uuidv7 } from 'uuid';
import { EMPTY_DIGEST } from './materialization-chunk';
import type { MaterializationRun, RunMode } from './materialization-run';

/** A run about to start: incremental modes resume from the view's cursor, BATCH reads its window. */
export function newRun(p: {
  view: { name: string; version: number };
  mode: RunMode;
  cursor: { lastSeq: number; watermark: number | null };
  targetSeq: number;
  start: number | null;
  end: number | null;
  now: number;
  scheduledFor?: number;
  ticksCovered?: number;
  instance: string;
}): MaterializationRun {
  return {
    materializationId: uuidv7(),
    featureView: p.view.name,
    viewVersion: p.view.version,
    mode: p.mode,
    status: 'RUNNING',
    windowStart: p.start,
    windowEnd: p.end ?? p.now,
    previousWatermark: p.cursor.watermark,
    watermark: p.cursor.watermark,
    afterSeq: p.mode === 'BATCH' ? 0 : p.cursor.lastSeq,
    targetSeq: p.targetSeq,
    rowsRead: 0,
    rowsWritten: 0,
    rowsSkippedStale: 0,
    digest: EMPTY_DIGEST,
    startedAt: p.now,
    completedAt: null,
    error: null,
    scheduledFor: p.scheduledFor ?? null,
    ticksCovered: p.ticksCovered ?? null,
    instance: p.instance,
  };
}
