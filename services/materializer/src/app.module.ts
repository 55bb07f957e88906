import { DynamicModule, Module } from '@nestjs/common';
import { RedisModule, RedisReadiness, serviceFoundation } from '@provenant/platform';
import type { MaterializerConfig } from './config';
import { TrainingSetsModule } from './training-sets/training-sets.module';
import { OnlineModule } from './online/online.module';
import { MaterializationModule } from './materialization/materialization.module';
import { FreshnessReadiness } from './freshness/freshness.readiness';
import { SchedulingModule } from './scheduling/scheduling.module';

export const SERVICE_NAME = 'materializer';

@Module({})
export class AppModule {
  static forRoot(config: MaterializerConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ...serviceFoundation(SERVICE_NAME, config, {
          readiness: [RedisReadiness, FreshnessReadiness],
          migrations: [
            ...TrainingSetsModule.migrations,
            ...MaterializationModule.migrations,
            ...SchedulingModule.migrations,
          ],
        }),
        RedisModule.forRoot(config.REDIS_URL),
        TrainingSetsModule,
        OnlineModule,
        MaterializationModule,
        SchedulingModule,
      ],
    };
  }
}
