import { afterChunk, EMPTY_DIGEST } from './materialization-chunk';
import type { MaterializationRun } from './materialization-run';
import type { OfflineRow } from './offline-rows.source';

const run = (): MaterializationRun => ({
  materializationId: 'm',
  featureView: 'v',
  viewVersion: 1,
  mode: 'BATCH',
  status: 'RUNNING',
  windowStart: null,
  windowEnd: 0,
  previousWatermark: null,
  watermark: null,
  afterSeq: 0,
  targetSeq: 10,
  rowsRead: 0,
  rowsWritten: 0,
  rowsSkippedStale: 0,
  digest: EMPTY_DIGEST,
  startedAt: 0,
  completedAt: null,
  error: null,
  scheduledFor: null,
  ticksCovered: null,
  instance: null,
});
const rows: OfflineRow[] = [1, 2, 3, 4, 5].map((seq) => ({
  entityKey: `[${seq % 2}]`,
  eventTs: 100 - seq,
  createdTs: 1,
  seq,
  batchId: 'b',
  values: { x: seq },
}));

describe(afterChunk.name, () => {
  it('gives the same digest and counts whatever the chunking (a resumed run equals an uninterrupted one)', () => {
    const whole = afterChunk(run(), rows, ['written', 'written', 'stale', 'stale', 'stale']);
    let chunked = afterChunk(run(), rows.slice(0, 2), ['written', 'written']);
    chunked = afterChunk(chunked, rows.slice(2), ['stale', 'stale', 'stale']);
    expect(chunked).toEqual(whole);
    expect(whole).toMatchObject({
      rowsRead: 5,
      rowsWritten: 2,
      rowsSkippedStale: 3,
      afterSeq: 5,
      watermark: 99,
    });
  });

  it('changes the digest when any row differs', () => {
    const a = afterChunk(run(), rows, []);
    const b = afterChunk(run(), [...rows.slice(0, 4), { ...rows[4], values: { x: 6 } }], []);
    expect(a.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(b.digest).not.toBe(a.digest);
  });
});
