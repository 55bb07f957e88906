import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ModelAliasEntity, ModelVersionEntity, RegisteredModelEntity } from './model.entities';
import { MlflowError } from '@provenant/platform';

/** Reads of the registry's tables, each failing with MLflow's error when the thing is missing. */
@Injectable()
export class ModelRegistryStore {
  async model(manager: EntityManager, name: string, lock = false): Promise<RegisteredModelEntity> {
    const found = await manager.getRepository(RegisteredModelEntity).findOne({
      where: { name },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!found) throw MlflowError.notFound(`Registered Model with name=${name} not found`);
    return found;
  }

  async version(manager: EntityManager, name: string, version: number): Promise<ModelVersionEntity> {
    const found = await manager.getRepository(ModelVersionEntity).findOneBy({ name, version });
    if (!found) throw MlflowError.notFound(`Model Version (name=${name}, version=${version}) not found`);
    return found;
  }

  async versions(manager: EntityManager, name: string): Promise<ModelVersionEntity[]> {
    return manager.getRepository(ModelVersionEntity).find({ where: { name }, order: { version: 'ASC' } });
  }

  async aliases(manager: EntityManager, name: string): Promise<ModelAliasEntity[]> {
    return manager.getRepository(ModelAliasEntity).find({ where: { name }, order: { alias: 'ASC' } });
  }

  async alias(manager: EntityManager, name: string, alias: string): Promise<ModelAliasEntity | null> {
    return manager.getRepository(ModelAliasEntity).findOneBy({ name, alias });
  }

  async nextVersion(manager: EntityManager, name: string): Promise<number> {
    const [row] = (await manager
      .getRepository(ModelVersionEntity)
      .createQueryBuilder('v')
      .select('COALESCE(MAX(v.version), 0)', 'max')
      .where('v.name = :name', { name })
      .getRawMany()) as { max: number }[];
    return Number(row.max) + 1;
  }
}
