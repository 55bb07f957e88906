import { provRef, subject, type Actor, type MaterializationCompleted } from '@provenant/contracts';
import type { EventMetaFactory } from '@provenant/events';
import type { MaterializationRun } from './materialization-run';

/** A finished run as its event; the watermark falls back to the window start for an empty view. */
export function materializationCompleted(
  metas: EventMetaFactory,
  r: MaterializationRun,
  actor: Actor,
): MaterializationCompleted {
  return {
    meta: metas.create({
      subject: subject('feature_view', r.featureView),
      actor,
      used: [provRef.featureView(r.featureView, r.viewVersion)],
      generated: [provRef.materialization(r.materializationId)],
    }),
    materializationId: r.materializationId,
    featureView: r.featureView,
    featureViewVersion: r.viewVersion,
    mode: r.mode,
    status: 'SUCCEEDED',
    windowStart: r.windowStart,
    windowEnd: r.windowEnd,
    previousWatermark: r.previousWatermark,
    watermark: r.watermark ?? r.windowStart ?? 0,
    rowsRead: r.rowsRead,
    rowsWritten: r.rowsWritten,
    rowsSkippedStale: r.rowsSkippedStale,
    startedAt: r.startedAt,
    completedAt: r.completedAt!,
    rowsDigest: r.digest,
    error: null,
  };
}
