import { DynamicModule, Module } from '@nestjs/common';
import { serviceFoundation } from '@provenant/platform';
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
        ...serviceFoundation(SERVICE_NAME, config, {
          migrations: [TrackerTables1764300000000],
        }),
        TrackerPersistenceModule.forRoot(config),
        ExperimentsModule,
        RunsModule,
        ArtifactsModule,
        ProvenanceModule,
      ],
    };
  }
}
