import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { nowMicros } from '@provenant/contracts';
import { EventMetaFactory, Outbox } from '@provenant/events';
import { APP_CONFIG, SERVICE_IDENTITY, type ServiceIdentity } from '@provenant/platform';
import type { FeatureIngestConfig } from '../config';
import { DefinitionProjection } from '../definitions/definition-projection';
import type { ViewLookup } from '../definitions/view-definition';
import type { BatchRecord, QuarantinedRow } from '../offline-store/batch-record';
import { rowsDigest } from '../offline-store/canonical-rows';
import { OfflineStoreWriter } from '../offline-store/offline-store.writer';
import { ingestEvents, type LateRows } from './ingest-events';
import { UnknownFeatureViewError, type IngestCommand, type IngestResult } from './ingest.command';
import { validateRow, type ValidRow } from './row-validator';

/** A new batch, validated, waiting for the transaction's shared write. */
interface Prepared {
  cmd: IngestCommand;
  accepted: ValidRow[];
  rejected: QuarantinedRow[];
  record: BatchRecord;
  late: LateRows | null;
}

const answer = (p: Prepared): IngestResult => ({
  ...p.record,
  status: p.rejected.length === 0 ? 'ACCEPTED' : p.accepted.length > 0 ? 'PARTIAL' : 'REJECTED',
  rejections: p.rejected.map(({ row: _, ...r }) => r),
  lateRows: p.late?.count ?? 0,
});

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
  async execute(cmd: IngestCommand, manager?: EntityManager): Promise<IngestResult> {
    const [result] = manager
      ? await this.executeAll([cmd], manager)
      : await this.dataSource.transaction((m) => this.executeAll([cmd], m));
    return result;
  }

  /**
   * Several batches in one transaction (a stream consumer's fetch): each is validated and
   * answered on its own, but their rows go in with one COPY and their events in one outbox
   * insert, because per-batch statements cost more than the rows themselves. Unknown views are
   * refused before anything is written.
   */
  async executeAll(cmds: IngestCommand[], m: EntityManager): Promise<IngestResult[]> {
    const records = await this.store.findBatches(
      m,
      cmds.map((c) => c.batchId),
    );
    const taken = new Set(records.keys());
    const views = new Map<string, ViewLookup>();
    const plan: ({ cmd: IngestCommand; lookup: ViewLookup } | { resendOf: string })[] = [];
    for (const cmd of cmds) {
      // A batch id seen before, or earlier in this call, is a resend, answered from its record.
      if (taken.has(cmd.batchId)) {
        plan.push({ resendOf: cmd.batchId });
        continue;
      }
      taken.add(cmd.batchId);
      const key = `${cmd.featureView}@${cmd.featureViewVersion ?? ''}`;
      let lookup = views.get(key);
      if (!lookup) {
        lookup = await this.definitions.lookup(m, cmd.featureView, cmd.featureViewVersion);
        views.set(key, lookup);
      }
      if (!lookup.ok && cmd.source !== 'STREAM') throw new UnknownFeatureViewError(lookup.message);
      plan.push({ cmd, lookup });
    }
    const fresh = await this.write(
      m,
      plan.filter((p): p is { cmd: IngestCommand; lookup: ViewLookup } => 'cmd' in p),
    );
    const events: ReturnType<typeof ingestEvents> = [];
    // One watermark read per view, not per batch: a fetch's batches are mostly of one view.
    const watermarks = new Map<string, Promise<number | null>>();
    const watermarkOf = (view: string) => {
      if (!watermarks.has(view)) watermarks.set(view, this.definitions.watermark(m, view));
      return watermarks.get(view)!;
    };
    for (const p of fresh) {
      records.set(p.record.batchId, p.record);
      p.late = p.accepted.length > 0 ? lateRows(p.accepted, await watermarkOf(p.cmd.featureView)) : null;
      events.push(...ingestEvents(this.metas, p.cmd, p.record, p.rejected, p.late));
    }
    await this.outbox.publishAll(m, events);
    let i = 0;
    return Promise.all(
      plan.map((p) => ('cmd' in p ? answer(fresh[i++]) : this.duplicate(m, records.get(p.resendOf)!))),
    );
  }

  private async duplicate(m: EntityManager, record: BatchRecord): Promise<IngestResult> {
    return {
      ...record,
      status: 'DUPLICATE',
      rejections: (await this.store.quarantined(m, record.batchId)).map(({ row: _, ...r }) => r),
      lateRows: 0,
    };
  }

  /**
   * Validates each batch as the COPY asks for its rows, so PostgreSQL stores one batch while the
   * next is being checked; then the batch records and quarantined rows. Sequence numbers are
   * reserved for every received row (rejected rows leave gaps, which order does not mind).
   */
  private async write(m: EntityManager, batches: { cmd: IngestCommand; lookup: ViewLookup }[]) {
    const createdTs = nowMicros();
    const received = batches.reduce((n, b) => n + b.cmd.rows.length, 0);
    const seqs = received > 0 ? await this.store.reserveSequence(m, received) : [];
    const prepared: Prepared[] = [];
    let next = 0;
    const validated = function* (this: IngestRowsUseCase) {
      for (const { cmd, lookup } of batches) {
        const p = this.validate(cmd, lookup, createdTs);
        const own = seqs.slice(next, next + p.accepted.length);
        next += cmd.rows.length;
        prepared.push(p);
        if (own.length === 0) continue;
        p.record.ingestionSeqFirst = Number(own[0]);
        p.record.ingestionSeqLast = Number(own[own.length - 1]);
        yield {
          view: cmd.featureView,
          version: p.record.featureViewVersion!,
          batchId: cmd.batchId,
          rows: p.accepted,
          seqs: own,
        };
      }
    };
    const rows = validated.call(this);
    if (received > 0) await this.store.copyRows(m, createdTs, rows);
    else for (const _ of rows); // batches of no rows still get their records
    for (const p of prepared) {
      await this.store.recordBatch(m, p.record);
      await this.store.quarantine(m, p.cmd.batchId, p.cmd.featureView, p.rejected);
    }
    return prepared;
  }

  private validate(cmd: IngestCommand, lookup: ViewLookup, createdTs: number): Prepared {
    const valid: ValidRow[] = [];
    const rejected: QuarantinedRow[] = [];
    if (!lookup.ok) {
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
    let min: number | null = null;
    let max: number | null = null;
    for (const r of accepted) {
      if (min === null || r.eventTs < min) min = r.eventTs;
      if (max === null || r.eventTs > max) max = r.eventTs;
    }
    const record: BatchRecord = {
      batchId: cmd.batchId,
      featureView: cmd.featureView,
      featureViewVersion: lookup.ok ? lookup.view.version : null,
      source: cmd.source,
      sourceUri: cmd.sourceUri,
      policy: cmd.policy,
      totalRows: cmd.rows.length,
      accepted: accepted.length,
      rejected: rejected.length,
      createdTs,
      eventTsMin: min,
      eventTsMax: max,
      ingestionSeqFirst: null,
      ingestionSeqLast: null,
      rowsDigest: accepted.length > 0 ? rowsDigest(accepted) : null,
      actor: cmd.actor.principal,
    };
    return { cmd, accepted, rejected, record, late: null };
  }
}

/** Rows at or before the online store's watermark: materialization has already passed them. */
function lateRows(rows: ValidRow[], watermark: number | null): LateRows | null {
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
