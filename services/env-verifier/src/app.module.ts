import { DynamicModule, Module } from '@nestjs/common';
import { serviceFoundation } from '@provenant/platform';
import type { EnvVerifierConfig } from './config';
import { EnvironmentTables1764400000000 } from './environments/1764400000000-environment-tables.migration';
import { EnvironmentsModule } from './environments/environments.module';
import { ReproducibilityTables1764400000001 } from './reproducibility/1764400000001-reproducibility-tables.migration';
import { ReproducibilityModule } from './reproducibility/reproducibility.module';

export const SERVICE_NAME = 'env-verifier';

@Module({})
export class AppModule {
  static forRoot(config: EnvVerifierConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ...serviceFoundation(SERVICE_NAME, config, {
          migrations: [EnvironmentTables1764400000000, ReproducibilityTables1764400000001],
        }),
        EnvironmentsModule,
        ReproducibilityModule,
      ],
    };
  }
}
