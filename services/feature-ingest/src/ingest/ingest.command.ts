import type { Actor, EventMeta, IngestSource, RejectionPolicy } from '@provenant/contracts';
import type { ResolvedView } from '../definitions/view-definition';
import type { BatchRecord, QuarantinedRow } from '../offline-store/batch-record';
import type { CandidateRow } from './row-validator';

/** One batch to ingest, from any of the three ways in. */
export interface IngestCommand {
  featureView: string;
  featureViewVersion?: number | null;
  batchId: string;
  source: IngestSource;
  sourceUri: string | null;
  policy: Exclude<RejectionPolicy, 'UNKNOWN'>;
  /** Values are text (CSV cells): parse them by type. */
  valuesAsText: boolean;
  rows: unknown[];
  /** Splits a received row into key, time and features once the view is known. */
  toCandidate: (view: ResolvedView, row: any) => CandidateRow;
  actor: Actor;
  /** The FeatureRowBatch being handled, for stream ingestion. */
  causedBy?: Pick<EventMeta, 'eventId' | 'correlationId'>;
}

export interface IngestResult extends BatchRecord {
  status: 'ACCEPTED' | 'PARTIAL' | 'REJECTED' | 'DUPLICATE';
  rejections: Omit<QuarantinedRow, 'row'>[];
  lateRows: number;
}

export class UnknownFeatureViewError extends Error {}
