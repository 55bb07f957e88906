import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { actorOf } from '@provenant/events';
import type { Principal } from '@provenant/platform';
import { AliasMover } from './alias-mover';
import { ModelAliasEntity, ModelVersionEntity, RegisteredModelEntity } from './model.entities';
import { ModelRegistryStore } from './model-registry.store';
import { ALWAYS_PROTECTED, validateAlias } from './stages';
import { MlflowError } from '@provenant/platform';

type Target = { name: string; version?: number };

/**
 * The registry's small edits (MLflow: tags, descriptions, rename, delete, aliases). Each runs in
 * one transaction; alias moves are recorded as ModelVersionPromoted by the AliasMover.
 */
@Injectable()
export class ModelEditsUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: ModelRegistryStore,
    private readonly aliases: AliasMover,
  ) {}

  setTag(t: Target, key: string, value: string | null): Promise<void> {
    return this.edit(t, (row) => {
      const tags = { ...row.tags };
      if (value === null) delete tags[key];
      else tags[key] = value;
      row.tags = tags;
    });
  }

  describe(t: Target, description: string | null): Promise<void> {
    return this.edit(t, (row) => void (row.description = description));
  }

  rename(name: string, newName: string): Promise<void> {
    return this.dataSource.transaction(async (manager) => {
      await this.store.model(manager, name, true);
      if (await manager.getRepository(RegisteredModelEntity).findOneBy({ name: newName }))
        throw MlflowError.exists(`Registered Model (name=${newName}) already exists.`);
      // Versions and aliases follow through ON UPDATE CASCADE.
      await manager
        .getRepository(RegisteredModelEntity)
        .update({ name }, { name: newName, updatedAt: new Date() });
    });
  }

  delete(t: Target): Promise<void> {
    return this.dataSource.transaction(async (manager) => {
      if (t.version === undefined) {
        await this.store.model(manager, t.name, true);
        await manager.getRepository(RegisteredModelEntity).delete({ name: t.name });
      } else {
        await this.store.version(manager, t.name, t.version);
        await manager.getRepository(ModelVersionEntity).delete({ name: t.name, version: t.version });
      }
    });
  }

  setAlias(name: string, alias: string, version: number, principal: Principal): Promise<void> {
    validateAlias(alias);
    if (ALWAYS_PROTECTED.has(alias.toLowerCase()))
      throw new MlflowError(
        'PERMISSION_DENIED',
        `Alias '${alias}' is protected: it moves only through governed promotion (npx provenant models promote ${name} ${version} --to ${alias}).`,
      );
    return this.dataSource.transaction(async (manager) => {
      const v = await this.store.version(manager, name, version);
      await this.aliases.move(manager, {
        name,
        alias,
        version,
        actor: actorOf(principal),
        promotionId: null,
        stage: null,
        artifactDigest: v.artifactDigest,
      });
    });
  }

  deleteAlias(name: string, alias: string): Promise<void> {
    if (ALWAYS_PROTECTED.has(alias.toLowerCase()))
      throw new MlflowError(
        'PERMISSION_DENIED',
        `Alias '${alias}' is protected: it moves only through governed promotion.`,
      );
    return this.dataSource.transaction(async (manager) => {
      await this.store.model(manager, name);
      await manager.getRepository(ModelAliasEntity).delete({ name, alias });
    });
  }

  private edit(t: Target, change: (row: RegisteredModelEntity | ModelVersionEntity) => void): Promise<void> {
    return this.dataSource.transaction(async (manager: EntityManager) => {
      const row =
        t.version === undefined
          ? await this.store.model(manager, t.name, true)
          : await this.store.version(manager, t.name, t.version);
      change(row);
      row.updatedAt = new Date();
      await manager.save(row);
    });
  }
}
