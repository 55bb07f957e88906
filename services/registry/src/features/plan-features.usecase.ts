import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Plan } from './definition.types';
import type { FeatureRepoDocument } from './feature-repo.schema';
import { FeatureDefinitionStore } from './feature-definition.store';
import { normalizeRepo } from './normalize-repo';
import { planChanges } from './plan-changes';

/** `features plan`: what apply would change, computed exactly as apply computes it. */
@Injectable()
export class PlanFeaturesUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: FeatureDefinitionStore,
  ) {}

  async execute(repo: FeatureRepoDocument): Promise<Plan> {
    const applied = await this.store.latest(this.dataSource.manager);
    return planChanges(normalizeRepo(repo), repo.delete, applied);
  }
}
