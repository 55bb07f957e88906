import { DynamicModule, Module } from '@nestjs/common';
import {
  DatabaseModule,
  KafkaReadiness,
  PlatformModule,
  PostgresReadiness,
  serviceEventsModule,
  serviceIdentity,
} from '@provenant/platform';
import { ArtifactsModule } from './artifacts/artifacts.module';
import type { TrackerConfig } from './config';
import { ExperimentsModule } from './experiments/experiments.module';
import { TrackerPersistenceModule } from './persistence/tracker-persistence.module';
import { TrackerTables1764300000000 } from './persistence/1764300000000-tracker-tables.migration';
import { ProvenanceModule } from './provenance/provenance.module';
import { RunsModule } from './runs/runs.module';

export const SERVICE_NAME = 'tracker';

@Module({})
export class AppModule {
  static forRoot(config: TrackerConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot({
          identity: serviceIdentity(SERVICE_NAME, config.INSTANCE_ID),
          config,
          readiness: [PostgresReadiness, KafkaReadiness],
        }),
        DatabaseModule.forRoot({
          url: config.DATABASE_URL,
          schema: config.DATABASE_SCHEMA,
          pool: { size: config.DATABASE_POOL_SIZE, waitMs: config.DATABASE_POOL_WAIT_MS },
          entities: [],
          migrations: [TrackerTables1764300000000],
        }),
        serviceEventsModule(SERVICE_NAME, config),
        TrackerPersistenceModule.forRoot(config),
        ExperimentsModule,
        RunsModule,
        ArtifactsModule,
        ProvenanceModule,
      ],
    };
  }
}
