import { createHash } from 'node:crypto';
import type { WriteOutcome } from '../online/online-store.writer';
import type { MaterializationRun } from './materialization-run';
import type { OfflineRow } from './offline-rows.source';

export const EMPTY_DIGEST = `sha256:${createHash('sha256').digest('hex')}`;

/**
 * The run after one chunk: counts, resume point, event-time watermark and the digest, chained
 * row by row (d = sha256(d ‖ row), rows in ingestion order), so it is the same whatever the
 * chunk size and whether the run went through in one go or was resumed after a crash.
 */
export function afterChunk(
  run: MaterializationRun,
  rows: OfflineRow[],
  outcomes: WriteOutcome[],
): MaterializationRun {
  let digest = run.digest;
  let watermark = run.watermark;
  for (const r of rows) {
    const row = `${r.entityKey}\t${r.eventTs}\t${r.createdTs}\t${r.seq}\t${JSON.stringify(r.values)}\n`;
    digest = `sha256:${createHash('sha256').update(digest).update(row).digest('hex')}`;
    if (watermark === null || r.eventTs > watermark) watermark = r.eventTs;
  }
  const stale = outcomes.filter((o) => o === 'stale').length;
  return {
    ...run,
    afterSeq: rows[rows.length - 1].seq,
    watermark,
    rowsRead: run.rowsRead + rows.length,
    // A replayed chunk (after a crash) finds its rows already online: they count as written once.
    rowsWritten: run.rowsWritten + outcomes.length - stale,
    rowsSkippedStale: run.rowsSkippedStale + stale,
    digest,
  };
}
