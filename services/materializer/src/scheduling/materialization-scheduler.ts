import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '@provenant/platform';
import type { MaterializerConfig } from '../config';
import { CronSchedule } from './cron-schedule';
import { MaterializationScheduleStore } from './materialization-schedule.store';
import { RunScheduledMaterializationUseCase } from './run-scheduled-materialization.usecase';

/**
 * Runs every instance's scheduler loop: each tick, plans new or changed schedules and tries every
 * due view (RunScheduledMaterializationUseCase decides which instance runs it). Ticks never
 * overlap: the next one is armed when the previous has finished.
 */
@Injectable()
export class MaterializationScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger(MaterializationScheduler.name);
  private timer?: NodeJS.Timeout;
  private current: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly schedules: MaterializationScheduleStore,
    private readonly runDue: RunScheduledMaterializationUseCase,
    @Inject(APP_CONFIG) private readonly config: MaterializerConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.MATERIALIZATION_SCHEDULER === 'on') this.arm();
  }

  /** Stops the loop and lets a run in progress finish before the pools it uses are closed. */
  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.current;
  }

  private arm() {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.current = this.tick().finally(() => this.arm());
    }, this.config.MATERIALIZATION_SCHEDULER_TICK_MS);
    this.timer.unref();
  }

  async tick(): Promise<void> {
    try {
      const now = Date.now();
      for (const { view, schedule, state } of await this.schedules.declared(this.dataSource.manager)) {
        if (this.stopped) return;
        if (state?.schedule !== schedule) await this.plan(view, schedule, now);
        else if (state.nextDueAt !== null && state.nextDueAt <= now)
          await this.runDue.execute(view).catch((err: Error) => {
            this.log.warn(`scheduled materialization of ${view} failed: ${err.message}`);
          });
      }
    } catch (err) {
      this.log.warn(`materialization scheduler: ${(err as Error).message}`);
    }
  }

  private async plan(view: string, schedule: string, now: number) {
    let next: number | null = null;
    let error: string | null = null;
    try {
      next = CronSchedule.parse(schedule).next(now);
    } catch (err) {
      error = `schedule ${JSON.stringify(schedule)} is not valid cron: ${(err as Error).message}`;
      this.log.warn(`feature view ${view}: ${error}`);
    }
    await this.schedules.plan(this.dataSource.manager, view, schedule, next, error);
  }
}
