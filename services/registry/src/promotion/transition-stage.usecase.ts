import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '@provenant/platform';
import { ModelAliasEntity, ModelVersionEntity } from '../models/model.entities';
import { ModelRegistryStore } from '../models/model-registry.store';
import { STAGE_ALIAS, type Stage } from '../models/stages';
import { RequestPromotionUseCase } from './request-promotion.usecase';
import { MlflowError } from '@provenant/platform';

export interface TransitionStageCommand {
  name: string;
  version: number;
  stage: Stage;
  archiveExisting: boolean;
}

/**
 * MLflow's deprecated stage API on top of aliases. Staging and Production are governed
 * promotions to the `staging`/`production` aliases (a refused one is PERMISSION_DENIED listing
 * the failed gates); Archived and None only flag the version and drop its `staging` alias.
 */
@Injectable()
export class TransitionStageUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: ModelRegistryStore,
    private readonly promotions: RequestPromotionUseCase,
  ) {}

  async execute(cmd: TransitionStageCommand, principal: Principal): Promise<void> {
    const alias = STAGE_ALIAS[cmd.stage];
    if (alias) return this.promote(cmd, alias, principal);
    await this.dataSource.transaction(async (manager) => {
      const v = await this.store.version(manager, cmd.name, cmd.version);
      const held = await manager
        .getRepository(ModelAliasEntity)
        .findBy({ name: cmd.name, version: cmd.version });
      if (held.some((a) => a.alias === 'production'))
        throw new MlflowError(
          'PERMISSION_DENIED',
          `Version ${cmd.version} of ${cmd.name} is in Production; promote another version to production instead.`,
        );
      await manager
        .getRepository(ModelAliasEntity)
        .delete({ name: cmd.name, version: cmd.version, alias: 'staging' });
      await manager
        .getRepository(ModelVersionEntity)
        .update(
          { name: v.name, version: v.version },
          { archived: cmd.stage === 'Archived', updatedAt: new Date() },
        );
    });
  }

  private async promote(cmd: TransitionStageCommand, alias: string, principal: Principal): Promise<void> {
    const before = await this.store.alias(this.dataSource.manager, cmd.name, alias);
    const p = await this.promotions.execute(
      {
        name: cmd.name,
        version: cmd.version,
        target: alias,
        reason: 'MLflow transition-stage',
        stage: cmd.stage,
      },
      principal,
    );
    if (p.decision !== 'APPROVED') {
      const failed = p.gates.filter((g) => !g.passed).map((g) => `${g.name}: ${g.detail}`);
      throw new MlflowError(
        'PERMISSION_DENIED',
        `Promotion of ${cmd.name} v${cmd.version} to ${cmd.stage} ${p.decision}: ${failed.join('; ')}`,
        { promotion_id: p.promotionId, decision: p.decision },
      );
    }
    await this.dataSource
      .getRepository(ModelVersionEntity)
      .update({ name: cmd.name, version: cmd.version }, { archived: false, updatedAt: new Date() });
    if (cmd.archiveExisting && before && before.version !== cmd.version)
      await this.dataSource
        .getRepository(ModelVersionEntity)
        .update({ name: cmd.name, version: before.version }, { archived: true, updatedAt: new Date() });
  }
}
