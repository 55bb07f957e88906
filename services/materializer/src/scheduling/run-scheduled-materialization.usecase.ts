import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '@provenant/contracts';
import type { MaterializationRun } from '../materialization/materialization-run';
import { RunMaterializationUseCase } from '../materialization/run-materialization.usecase';
import { ViewLock } from '../materialization/view-lock';
import { FeatureCatalog } from '../training-sets/feature-catalog';
import { CronSchedule } from './cron-schedule';
import { MaterializationScheduleStore } from './materialization-schedule.store';

const SCHEDULER: Actor = { principal: 'materializer-scheduler', kind: 'service', roles: [] };
const CHUNK_ROWS = 10_000;

export type TickOutcome = 'not-due' | 'held-elsewhere' | MaterializationRun;

/**
 * One due tick of one view's schedule. Every instance may try; the view's lock lets one in, and
 * it re-reads the schedule under the lock, so a tick another instance has just run is seen as
 * not due. After downtime, every missed tick is covered by one incremental run (it reads all
 * rows since the cursor anyway), recorded with how many ticks it stands for.
 */
@Injectable()
export class RunScheduledMaterializationUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly catalog: FeatureCatalog,
    private readonly schedules: MaterializationScheduleStore,
    private readonly runs: RunMaterializationUseCase,
    private readonly lock: ViewLock,
  ) {}

  async execute(viewName: string): Promise<TickOutcome> {
    const out = await this.lock.tryFor(viewName, () => this.underLock(viewName));
    return out.held ? out.value! : 'held-elsewhere';
  }

  private async underLock(viewName: string): Promise<TickOutcome> {
    const m = this.dataSource.manager;
    const state = await this.schedules.get(m, viewName);
    const now = Date.now();
    if (!state || state.nextDueAt === null || state.nextDueAt > now) return 'not-due';
    const cron = CronSchedule.parse(state.schedule);
    const due = cron.due(state.nextDueAt, now) ?? { count: 1, last: state.nextDueAt };
    const tick = { lastDueAt: due.last, nextDueAt: cron.next(now) };
    const view = await this.catalog.view(m, viewName);
    if (!view) return 'not-due';
    try {
      const cmd = {
        views: [viewName],
        start: null,
        end: null,
        chunkSize: CHUNK_ROWS,
        scheduled: { tick: due.last, ticksCovered: due.count },
        onCompleted: (tm: typeof m, run: MaterializationRun) =>
          this.schedules.ticked(tm, viewName, { ...tick, runId: run.materializationId, error: null }),
      };
      let out = await this.runs.runLocked(view, cmd, SCHEDULER);
      // A run a crash had left RUNNING was finished first; this tick still gets its own run,
      // unless the finished one was this very tick's (the instance died during it).
      if (out.resumed && out.run.scheduledFor === due.last)
        await this.schedules.ticked(m, viewName, { ...tick, runId: out.run.materializationId, error: null });
      else if (out.resumed) out = await this.runs.runLocked(view, cmd, SCHEDULER);
      return out.run;
    } catch (err) {
      // Not retried in a loop: the run stays RUNNING (resumed by the next tick) and says why.
      await this.schedules.ticked(m, viewName, { ...tick, runId: null, error: (err as Error).message });
      throw err;
    }
  }
}
