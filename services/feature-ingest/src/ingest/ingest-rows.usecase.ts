import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { nowMicros } from '@provenant/contracts';
import { EventMetaFactory, Outbox } from '@provenant/events';
import { APP_CONFIG, SERVICE_IDENTITY, type ServiceIdentity } from '@provenant/platform';
import type { FeatureIngestConfig } from '../config';
import { DefinitionProjection } from '../definitions/definition-projection';
import type { BatchRecord, QuarantinedRow } from '../offline-store/batch-record';
import { rowsDigest } from '../offline-store/canonical-rows';
import { OfflineStoreWriter } from '../offline-store/offline-store.writer';
import { ingestEvents } from './ingest-events';
import { UnknownFeatureViewError, type IngestCommand, type IngestResult } from './ingest.command';
import { validateRow, type ValidRow } from './row-validator';

/**
 * The one way rows enter the offline store (push, stream and bulk all come here): validate
 * against the view, apply the batch policy, then append rows, the batch record, the quarantine
 * and the events in one transaction. A batch id seen before is answered from its record.
 */
@Injectable()
export class IngestRowsUseCase {
  private readonly metas: EventMetaFactory;

  constructor(
    private readonly dataSource: DataSource,
    private readonly definitions: DefinitionProjection,
    private readonly store: OfflineStoreWriter,
    private readonly outbox: Outbox,
    @Inject(APP_CONFIG) private readonly config: FeatureIngestConfig,
    @Inject(SERVICE_IDENTITY) identity: ServiceIdentity,
  ) {
    this.metas = new EventMetaFactory(identity);
  }

  /** `manager`: the consumer's transaction for stream batches; a new one otherwise. */
  execute(cmd: IngestCommand, manager?: EntityManager): Promise<IngestResult> {
    return manager ? this.run(cmd, manager) : this.dataSource.transaction((m) => this.run(cmd, m));
  }

  private async run(cmd: IngestCommand, m: EntityManager): Promise<IngestResult> {
    const seen = await this.store.findBatch(m, cmd.batchId);
    if (seen)
      return {
        ...seen,
        status: 'DUPLICATE',
        rejections: (await this.store.quarantined(m, cmd.batchId)).map(({ row: _, ...r }) => r),
        lateRows: 0,
      };

    const lookup = await this.definitions.lookup(m, cmd.featureView, cmd.featureViewVersion);
    const valid: ValidRow[] = [];
    const rejected: QuarantinedRow[] = [];
    if (!lookup.ok) {
      if (cmd.source !== 'STREAM') throw new UnknownFeatureViewError(lookup.message);
      cmd.rows.forEach((row, rowIndex) =>
        rejected.push({
          rowIndex,
          reason: 'UNKNOWN_FEATURE_VIEW',
          field: null,
          message: lookup.message,
          row,
        }),
      );
    } else {
      const opts = {
        text: cmd.valuesAsText,
        maxEventTs: nowMicros() + this.config.INGEST_MAX_FUTURE_SECONDS * 1_000_000,
      };
      cmd.rows.forEach((row, rowIndex) => {
        const result = validateRow(lookup.view, cmd.toCandidate(lookup.view, row), opts);
        if (result.ok) valid.push(result.row);
        else rejected.push({ rowIndex, ...result.rejection, row });
      });
    }
    const accepted = rejected.length > 0 && cmd.policy === 'REJECT_ALL' ? [] : valid;
    const record = await this.write(m, cmd, lookup.ok ? lookup.view.version : null, accepted, rejected);
    const late = accepted.length > 0 ? await this.lateRows(m, cmd.featureView, accepted) : null;
    await this.outbox.publishAll(m, ingestEvents(this.metas, cmd, record, rejected, late));
    const status = rejected.length === 0 ? 'ACCEPTED' : accepted.length > 0 ? 'PARTIAL' : 'REJECTED';
    return {
      ...record,
      status,
      rejections: rejected.map(({ row: _, ...r }) => r),
      lateRows: late?.count ?? 0,
    };
  }

  private async write(
    m: EntityManager,
    cmd: IngestCommand,
    version: number | null,
    rows: ValidRow[],
    rejected: QuarantinedRow[],
  ): Promise<BatchRecord> {
    const createdTs = nowMicros();
    const seq =
      rows.length > 0
        ? await this.store.appendRows(m, {
            view: cmd.featureView,
            version: version!,
            batchId: cmd.batchId,
            createdTs,
            rows,
          })
        : null;
    let min: number | null = null;
    let max: number | null = null;
    for (const r of rows) {
      if (min === null || r.eventTs < min) min = r.eventTs;
      if (max === null || r.eventTs > max) max = r.eventTs;
    }
    const record: BatchRecord = {
      batchId: cmd.batchId,
      featureView: cmd.featureView,
      featureViewVersion: version,
      source: cmd.source,
      sourceUri: cmd.sourceUri,
      policy: cmd.policy,
      totalRows: cmd.rows.length,
      accepted: rows.length,
      rejected: rejected.length,
      createdTs,
      eventTsMin: min,
      eventTsMax: max,
      ingestionSeqFirst: seq?.first ?? null,
      ingestionSeqLast: seq?.last ?? null,
      rowsDigest: rows.length > 0 ? rowsDigest(rows) : null,
      actor: cmd.actor.principal,
    };
    await this.store.recordBatch(m, record);
    await this.store.quarantine(m, cmd.batchId, cmd.featureView, rejected);
    return record;
  }

  /** Rows at or before the online store's watermark: materialization has already passed them. */
  private async lateRows(m: EntityManager, view: string, rows: ValidRow[]) {
    const watermark = await this.definitions.watermark(m, view);
    if (watermark === null) return null;
    const late = rows.filter((r) => r.eventTs <= watermark).map((r) => r.eventTs);
    if (late.length === 0) return null;
    return {
      count: late.length,
      min: late.reduce((a, b) => Math.min(a, b)),
      max: late.reduce((a, b) => Math.max(a, b)),
      watermark,
    };
  }
}
