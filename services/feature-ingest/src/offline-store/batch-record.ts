import type { IngestSource, RejectionPolicy, RejectionReason } from '@provenant/contracts';

/** One ingest batch as recorded, accepted rows or not: a resent batch id is answered from it. */
export interface BatchRecord {
  batchId: string;
  featureView: string;
  featureViewVersion: number | null;
  source: IngestSource;
  sourceUri: string | null;
  policy: RejectionPolicy;
  totalRows: number;
  accepted: number;
  rejected: number;
  createdTs: number;
  eventTsMin: number | null;
  eventTsMax: number | null;
  ingestionSeqFirst: number | null;
  ingestionSeqLast: number | null;
  rowsDigest: string | null;
  actor: string;
}

export interface QuarantinedRow {
  rowIndex: number;
  reason: RejectionReason;
  field: string | null;
  message: string;
  /** The row as received (bytes as base64), so it can be fixed and resent. */
  row: unknown;
}
