import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AppliedDefinition, DefinitionKind, PlannedChange } from './definition.types';
import { FeatureDefinitionEntity } from './feature-definition.entity';

/** Reads and appends definition revisions; the latest revision of each object is its state. */
@Injectable()
export class FeatureDefinitionStore {
  async latest(manager: EntityManager, kind?: DefinitionKind): Promise<AppliedDefinition[]> {
    const qb = manager
      .getRepository(FeatureDefinitionEntity)
      .createQueryBuilder('d')
      .distinctOn(['d.kind', 'd.name'])
      .orderBy('d.kind')
      .addOrderBy('d.name')
      .addOrderBy('d.revision', 'DESC');
    if (kind) qb.where('d.kind = :kind', { kind });
    return qb.getMany();
  }

  /** Every revision of one object, oldest first (the history of its versions). */
  async history(
    manager: EntityManager,
    kind: DefinitionKind,
    name: string,
  ): Promise<FeatureDefinitionEntity[]> {
    return manager
      .getRepository(FeatureDefinitionEntity)
      .find({ where: { kind, name }, order: { revision: 'ASC' } });
  }

  async append(
    manager: EntityManager,
    changes: PlannedChange[],
    revisions: Map<string, number>,
    applyId: string,
    appliedBy: string,
  ): Promise<void> {
    const rows = changes.map((c) => ({
      kind: c.kind,
      name: c.name,
      revision: (revisions.get(`${c.kind}:${c.name}`) ?? 0) + 1,
      version: c.toVersion,
      change: c.change,
      spec: c.spec,
      digest: c.digest,
      applyId,
      appliedBy,
    }));
    if (rows.length > 0) await manager.getRepository(FeatureDefinitionEntity).insert(rows);
  }
}
