import { Module } from '@nestjs/common';
import { MaterializationModule } from '../materialization/materialization.module';
import { TrainingSetsModule } from '../training-sets/training-sets.module';
import { MaterializationScheduleStore } from './materialization-schedule.store';
import { MaterializationScheduler } from './materialization-scheduler';
import { MaterializationStatusHttpController } from './materialization-status.http.controller';
import { MaterializationStatusQuery } from './materialization-status.query';
import { RunScheduledMaterializationUseCase } from './run-scheduled-materialization.usecase';
import { CreateMaterializationSchedules1764300000300 } from './1764300000300-create-materialization-schedules.migration';

/**
 * Scheduled incremental materialization (a view's `schedule`, cron). Imports the materialization
 * module, so Nest destroys this one first: the loop stops and its run finishes before the pools
 * the run needs are closed.
 */
@Module({
  imports: [MaterializationModule, TrainingSetsModule],
  controllers: [MaterializationStatusHttpController],
  providers: [
    MaterializationScheduleStore,
    RunScheduledMaterializationUseCase,
    MaterializationScheduler,
    MaterializationStatusQuery,
  ],
})
export class SchedulingModule {
  static readonly migrations = [CreateMaterializationSchedules1764300000300];
}
