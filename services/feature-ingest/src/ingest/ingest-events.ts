import {
  provRef,
  subject,
  type FeatureRowsIngested,
  type FeatureRowsRejected,
  type LateDataDetected,
  type ProvRef,
} from '@provenant/contracts';
import type { EventMetaFactory, OutboxEvent } from '@provenant/events';
import type { BatchRecord, QuarantinedRow } from '../offline-store/batch-record';
import type { IngestCommand } from './ingest.command';

const MAX_LISTED = 1000;
type Out = { eventType: string; event: OutboxEvent };

/** A batch's rows at or before the view's materialization watermark. */
export type LateRows = { count: number; min: number; max: number; watermark: number };

/** The events one ingested batch publishes: what was accepted, what was rejected, what was late. */
export function ingestEvents(
  metas: EventMetaFactory,
  cmd: IngestCommand,
  b: BatchRecord,
  rejected: QuarantinedRow[],
  late: LateRows | null,
): Out[] {
  const base = {
    subject: subject('feature_view', cmd.featureView),
    actor: cmd.actor,
    causedBy: cmd.causedBy,
  };
  const view: ProvRef[] = b.featureViewVersion
    ? [provRef.featureView(cmd.featureView, b.featureViewVersion)]
    : [];
  const source =
    cmd.sourceUri && cmd.source === 'BULK' ? [provRef.source(cmd.sourceUri, undefined, 'source')] : [];
  const out: Out[] = [];
  if (b.accepted > 0) {
    const event: FeatureRowsIngested = {
      meta: metas.create({
        ...base,
        used: [...view, ...source],
        generated: [provRef.batch(b.batchId, b.rowsDigest!)],
      }),
      batchId: b.batchId,
      featureView: b.featureView,
      featureViewVersion: b.featureViewVersion!,
      source: b.source,
      sourceUri: b.sourceUri,
      acceptedCount: b.accepted,
      rejectedCount: b.rejected,
      eventTsMin: b.eventTsMin,
      eventTsMax: b.eventTsMax,
      createdTs: b.createdTs,
      ingestionSeqFirst: b.ingestionSeqFirst,
      ingestionSeqLast: b.ingestionSeqLast,
      rowsDigest: b.rowsDigest!,
    };
    out.push({ eventType: 'FeatureRowsIngested', event });
  }
  if (rejected.length > 0) {
    const event: FeatureRowsRejected = {
      meta: metas.create({ ...base, used: view }),
      batchId: b.batchId,
      featureView: b.featureView,
      featureViewVersion: b.featureViewVersion,
      source: b.source,
      policy: b.policy,
      totalRows: b.totalRows,
      rejectedCount: rejected.length,
      rejections: rejected
        .slice(0, MAX_LISTED)
        .map((r) => ({ rowIndex: r.rowIndex, reason: r.reason, field: r.field, message: r.message })),
      truncated: rejected.length > MAX_LISTED,
    };
    out.push({ eventType: 'FeatureRowsRejected', event });
  }
  if (late && late.count > 0) {
    const event: LateDataDetected = {
      meta: metas.create({ ...base, used: [provRef.batch(b.batchId, b.rowsDigest!)] }),
      batchId: b.batchId,
      featureView: b.featureView,
      featureViewVersion: b.featureViewVersion!,
      lateRowCount: late.count,
      eventTsMin: late.min,
      eventTsMax: late.max,
      watermark: late.watermark,
    };
    out.push({ eventType: 'LateDataDetected', event });
  }
  return out;
}
