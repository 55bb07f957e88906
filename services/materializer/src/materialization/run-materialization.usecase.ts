import { BadRequestException, Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { nowMicros, type Actor } from '@provenant/contracts';
import { EventMetaFactory, Outbox } from '@provenant/events';
import { APP_CONFIG, SERVICE_IDENTITY, type ServiceIdentity } from '@provenant/platform';
import type { MaterializerConfig } from '../config';
import { OnlineFreshness } from '../freshness/online-freshness';
import { OnlineStoreWriter } from '../online/online-store.writer';
import { ViewLock } from './view-lock';
import { FeatureCatalog, type CatalogView } from '../training-sets/feature-catalog';
import { afterChunk } from './materialization-chunk';
import { materializationCompleted } from './materialization-completed.event';
import type { MaterializationRun } from './materialization-run';
import { MaterializationRunStore } from './materialization-run.store';
import type { MaterializeCommand } from './materialize.command';
import { newRun } from './new-run';
import { COMMIT_HORIZON_MICROS, OfflineRowsSource } from './offline-rows.source';
import { toOnlineRows } from './to-online-rows';

/**
 * Batch (`--start/--end`, Feast's materialize) and incremental (Feast's materialize-incremental,
 * but on ingestion order, so late rows are picked up) materialization, view by view, in chunks.
 * One run per view at a time across instances (ViewLock). A run left RUNNING by a crash is
 * resumed by the next run of that view.
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
    private readonly freshness: OnlineFreshness,
    private readonly lock: ViewLock,
    private readonly outbox: Outbox,
    @Inject(APP_CONFIG) private readonly config: MaterializerConfig,
    @Inject(SERVICE_IDENTITY) private readonly identity: ServiceIdentity,
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
    for (const view of views)
      runs.push((await this.lock.waitFor(view.name, () => this.runLocked(view, cmd, actor))).run);
    return runs;
  }

  /**
   * One run of one view; the caller holds the view's lock. `resumed`: the run finished was one
   * a crash had left RUNNING, not a new one for this command.
   */
  async runLocked(current: CatalogView, cmd: MaterializeCommand, actor: Actor) {
    let resumed = true;
    let run = await this.dataSource.transaction(async (m) => {
      const crashed = await this.store.running(m, current.name);
      if (crashed) return crashed;
      resumed = false;
      const fresh = await this.start(m, current, cmd);
      await this.store.insert(m, fresh);
      return fresh;
    });
    const view =
      run.viewVersion === current.version
        ? current
        : await this.catalog.view(this.dataSource.manager, run.featureView, run.viewVersion);
    try {
      run = await this.chunks(run, view!, cmd);
    } catch (err) {
      const id = run.materializationId;
      await this.store.stopped(this.dataSource.manager, id, (err as Error).message).catch(() => undefined);
      throw err;
    }
    const done: MaterializationRun = { ...run, status: 'SUCCEEDED', completedAt: nowMicros(), error: null };
    await this.dataSource.transaction(async (m) => {
      await this.store.update(m, done);
      await this.store.advance(m, done);
      if (done.watermark !== null)
        await this.freshness.record(m, done.featureView, done.viewVersion, done.watermark);
      if (!resumed) await cmd.onCompleted?.(m, done);
      await this.outbox.publish(
        m,
        'MaterializationCompleted',
        materializationCompleted(this.metas, done, actor),
      );
    });
    return { run: done, resumed };
  }

  private async chunks(run: MaterializationRun, view: CatalogView, cmd: MaterializeCommand) {
    const pages = this.source.stream({
      view: run.featureView,
      version: run.viewVersion,
      afterSeq: run.afterSeq,
      maxSeq: run.targetSeq,
      size: cmd.chunkSize,
      start: run.windowStart,
      end: run.mode === 'BATCH' ? run.windowEnd : null,
    });
    for await (const rows of pages) {
      const outcomes = await this.writer
        .write(toOnlineRows(this.config.ONLINE_KEY_PREFIX, view, rows))
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
    return run;
  }

  private async start(m: EntityManager, view: CatalogView, cmd: MaterializeCommand) {
    const now = nowMicros();
    const batch = cmd.start !== null || cmd.end !== null;
    return newRun({
      view,
      mode: batch ? 'BATCH' : cmd.scheduled ? 'SCHEDULED' : 'INCREMENTAL',
      cursor: await this.store.cursor(m, view.name, view.version),
      targetSeq: await this.source.committedSeq(view.name, view.version, now - COMMIT_HORIZON_MICROS),
      start: cmd.start,
      end: cmd.end,
      now,
      scheduledFor: cmd.scheduled?.tick,
      ticksCovered: cmd.scheduled?.ticksCovered,
      instance: this.identity.instance,
    });
  }
}
