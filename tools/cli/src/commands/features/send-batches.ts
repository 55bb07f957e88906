import { SingleBar } from 'cli-progress';
import { serviceClient } from './feature-clients';
import type { RowSource } from './row-sources';

export interface IngestSummary {
  file: string;
  view: string;
  rows: number;
  accepted: number;
  rejected: number;
  batches: number;
  duplicateBatches: number;
  seconds: number;
  rowsPerSecond: number;
  /** Peak resident memory of this process, to show the backfill stayed bounded. */
  peakRssMb: number;
  firstRejections: { row: number; reason: string; field: string | null; message: string }[];
}

interface BatchAnswer {
  status: string;
  accepted: number;
  rejected: number;
  rejections: { rowIndex: number; reason: string; field: string | null; message: string }[];
}

/** Streams the file's rows to feature-ingest one batch at a time, in file order. */
export async function sendBatches(o: {
  view: string;
  file: string;
  sourceUri: string;
  batchPrefix: string;
  batchSize: number;
  policy?: string;
  source: RowSource;
  showProgress: boolean;
}): Promise<IngestSummary> {
  const client = serviceClient('feature-ingest', 120_000);
  const started = process.hrtime.bigint();
  const s: IngestSummary = {
    file: o.file,
    view: o.view,
    rows: 0,
    accepted: 0,
    rejected: 0,
    batches: 0,
    duplicateBatches: 0,
    seconds: 0,
    rowsPerSecond: 0,
    peakRssMb: 0,
    firstRejections: [],
  };
  const bar = o.showProgress
    ? new SingleBar({
        format: 'ingest {view} | {value} rows | {speed} rows/s | {accepted} accepted, {rejected} rejected',
        stream: process.stderr,
      })
    : undefined;
  bar?.start(0, 0, { view: o.view, speed: 0, accepted: 0, rejected: 0 });
  let batch: Record<string, unknown>[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const firstRow = s.rows - batch.length;
    const body = {
      featureView: o.view,
      batchId: `${o.batchPrefix}-${s.batches}`,
      source: 'BULK',
      sourceUri: o.sourceUri,
      valuesAsText: o.source.valuesAsText,
      policy: o.policy,
      rows: batch,
    };
    batch = [];
    s.batches += 1;
    const answer = await client.post<BatchAnswer>('/features/push', body).catch((err) => {
      // 422: nothing of this batch was written; its rejections are still the answer.
      if (err?.status === 422 && err.body?.rejections) return err.body as BatchAnswer;
      throw err;
    });
    if (answer.status === 'DUPLICATE') s.duplicateBatches += 1;
    else {
      s.accepted += answer.accepted;
      s.rejected += answer.rejected;
    }
    for (const r of answer.rejections.slice(0, 10 - s.firstRejections.length))
      s.firstRejections.push({
        row: firstRow + r.rowIndex,
        reason: r.reason,
        field: r.field,
        message: r.message,
      });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    bar?.update(s.rows, { speed: Math.round(s.rows / seconds), accepted: s.accepted, rejected: s.rejected });
  };
  for await (const row of o.source.rows()) {
    batch.push(row);
    s.rows += 1;
    if (batch.length >= o.batchSize) await flush();
  }
  await flush();
  bar?.stop();
  s.seconds = Number(process.hrtime.bigint() - started) / 1e9;
  s.rowsPerSecond = s.rows / Math.max(s.seconds, 1e-9);
  s.peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  return s;
}
