import { Module } from '@nestjs/common';
import { ApplyFeaturesUseCase } from './apply-features.usecase';
import { FeatureDefinitionEntity } from './feature-definition.entity';
import { FeatureDefinitionStore } from './feature-definition.store';
import { FeaturesHttpController } from './features.http.controller';
import { CreateFeatureDefinitions1764300000000 } from './1764300000000-create-feature-definitions.migration';
import { PlanFeaturesUseCase } from './plan-features.usecase';

/** Feature definitions: entities, feature views and feature services, applied from a repository. */
@Module({
  controllers: [FeaturesHttpController],
  providers: [FeatureDefinitionStore, PlanFeaturesUseCase, ApplyFeaturesUseCase],
})
export class FeaturesModule {
  static readonly entities = [FeatureDefinitionEntity];
  static readonly migrations = [CreateFeatureDefinitions1764300000000];
}
