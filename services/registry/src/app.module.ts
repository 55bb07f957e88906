import { DynamicModule, Module } from '@nestjs/common';
import { serviceFoundation } from '@provenant/platform';
import type { RegistryConfig } from './config';
import { FeaturesModule } from './features/features.module';
import { DatasetsModule } from './datasets/datasets.module';
import { ModelsModule } from './models/models.module';
import { PromotionModule } from './promotion/promotion.module';

export const SERVICE_NAME = 'registry';

@Module({})
export class AppModule {
  static forRoot(config: RegistryConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ...serviceFoundation(SERVICE_NAME, config, {
          entities: [
            ...FeaturesModule.entities,
            ...ModelsModule.entities,
            ...PromotionModule.entities,
            ...DatasetsModule.entities,
          ],
          migrations: [
            ...FeaturesModule.migrations,
            ...ModelsModule.migrations,
            ...PromotionModule.migrations,
            ...DatasetsModule.migrations,
          ],
        }),
        FeaturesModule,
        ModelsModule,
        PromotionModule,
        DatasetsModule,
      ],
    };
  }
}
