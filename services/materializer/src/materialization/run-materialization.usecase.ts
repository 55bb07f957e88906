import { BadRequestException, Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { nowMicros, type Actor } from '@provenant/contracts';
import { EventMetaFactory, Outbox } from '@provenant/events';
import { APP_CONFIG, SERVICE_IDENTITY, type ServiceIdentity } from '@provenant/platform';
import type { MaterializerConfig } from '../config';
import { OnlineStoreWriter } from '../online/online-store.writer';
import { FeatureCatalog, type CatalogView } from '../training-sets/feature-catalog';
import { afterChunk, EMPTY_DIGEST } from './materialization-chunk';
import { materializationCompleted } from './materialization-completed.event';
import type { MaterializationRun } from './materialization-run';
import { MaterializationRunStore } from './materialization-run.store';
import { OfflineRowsSource } from './offline-rows.source';
import { toOnlineRows } from './to-online-rows';

export interface MaterializeCommand {
  views: string[] | null;
  start: number | null;
  end: number | null;
  chunkSize: number;
  /** Called after each committed chunk (progress; tests use it to crash mid-run). */
  onChunk?: (run: MaterializationRun) => void;
}

// Ingest transactions commit within this long of taking their sequence numbers (see committedSeq).
const COMMIT_HORIZON_MICROS = 5_000_000;

/**
 * Batch (`--start/--end`, Feast's materialize) and incremental (Feast's materialize-incremental,
 * but on ingestion order, so late rows are picked up) materialization, view by view, in chunks.
 * A run left RUNNING by a crash is resumed by the next request for that view.
 */
@Injectable()
export class RunMaterializationUseCase {
  private readonly metas: EventMetaFactory;

  constructor(
    private readonly dataSource: DataSource,
    private readonly catalog: FeatureCatalog,
    private readonly store: MaterializationRunStore,
    private readonly source: OfflineRowsSource,
    private readonly writer: OnlineStoreWriter,
    private readonly outbox: Outbox,
    @Inject(APP_CONFIG) private readonly config: MaterializerConfig,
    @Inject(SERVICE_IDENTITY) identity: ServiceIdentity,
  ) {
    this.metas = new EventMetaFactory(identity);
  }

  async execute(cmd: MaterializeCommand, actor: Actor): Promise<MaterializationRun[]> {
    const m = this.dataSource.manager;
    if (cmd.start !== null && cmd.end !== null && cmd.start > cmd.end)
      throw new BadRequestException(['start: after end']);
    const names = cmd.views ?? (await this.store.currentViews(m));
    const views: CatalogView[] = [];
    for (const [i, name] of names.entries()) {
      const view = await this.catalog.view(m, name);
      if (!view) throw new BadRequestException([`views.${i}: unknown feature view ${name}`]);
      views.push(view);
    }
    const runs: MaterializationRun[] = [];
    for (const view of views) runs.push(await this.runView(view, cmd, actor));
    return runs;
  }

  private async runView(current: CatalogView, cmd: MaterializeCommand, actor: Actor) {
    let run = await this.dataSource.transaction(async (m) => {
      const crashed = await this.store.running(m, current.name);
      if (crashed) return crashed;
      const fresh = await this.newRun(m, current, cmd);
      await this.store.insert(m, fresh);
      return fresh;
    });
    const view =
      run.viewVersion === current.version
        ? current
        : await this.catalog.view(this.dataSource.manager, run.featureView, run.viewVersion);
    for (;;) {
      const rows = await this.source.page({
        view: run.featureView,
        version: run.viewVersion,
        afterSeq: run.afterSeq,
        maxSeq: run.targetSeq,
        limit: cmd.chunkSize,
        start: run.windowStart,
        end: run.mode === 'BATCH' ? run.windowEnd : null,
      });
      if (rows.length === 0) break;
      const outcomes = await this.writer
        .write(toOnlineRows(this.config.ONLINE_KEY_PREFIX, view!, rows))
        .catch((err) => {
          if (this.writer.available) throw err;
          throw new ServiceUnavailableException(
            `online store unavailable: Redis did not answer (${(err as Error).message}); run ${run.materializationId} resumes on the next materialize`,
          );
        });
      run = afterChunk(run, rows, outcomes);
      const progress = run;
      await this.dataSource.transaction((m) => this.store.update(m, progress));
      cmd.onChunk?.(run);
    }
    const done: MaterializationRun = { ...run, status: 'SUCCEEDED', completedAt: nowMicros() };
    await this.dataSource.transaction(async (m) => {
      await this.store.update(m, done);
      await this.store.advance(m, done);
      await this.outbox.publish(
        m,
        'MaterializationCompleted',
        materializationCompleted(this.metas, done, actor),
      );
    });
    return done;
  }

  private async newRun(
    m: Parameters<MaterializationRunStore['cursor']>[0],
    view: CatalogView,
    cmd: MaterializeCommand,
  ) {
    const cursor = await this.store.cursor(m, view.name, view.version);
    const now = nowMicros();
    const incremental = cmd.start === null && cmd.end === null;
    const run: MaterializationRun = {
      materializationId: uuidv7(),
      featureView: view.name,
      viewVersion: view.version,
      mode: incremental ? 'INCREMENTAL' : 'BATCH',
      status: 'RUNNING',
      windowStart: cmd.start,
      windowEnd: cmd.end ?? now,
      previousWatermark: cursor.watermark,
      watermark: cursor.watermark,
      afterSeq: incremental ? cursor.lastSeq : 0,
      targetSeq: await this.source.committedSeq(view.name, view.version, now - COMMIT_HORIZON_MICROS),
      rowsRead: 0,
      rowsWritten: 0,
      rowsSkippedStale: 0,
      digest: EMPTY_DIGEST,
      startedAt: now,
      completedAt: null,
      error: null,
    };
    return run;
  }
}
