import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { actorOf } from '@provenant/events';
import { provRef, subject } from '@provenant/contracts';
import type { Principal } from '@provenant/platform';
import { RegisteredModelEntity } from './model.entities';
import { ModelEvents } from './model-events';
import { MlflowError } from '@provenant/platform';

export interface CreateRegisteredModelCommand {
  name: string;
  description: string | null;
  tags: Record<string, string>;
}

/** `registered-models/create`: the model row and RegisteredModelCreated, in one transaction. */
@Injectable()
export class CreateRegisteredModelUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly events: ModelEvents,
  ) {}

  execute(cmd: CreateRegisteredModelCommand, principal: Principal): Promise<RegisteredModelEntity> {
    return this.dataSource.transaction(async (manager) => {
      const repo = manager.getRepository(RegisteredModelEntity);
      const now = new Date();
      const inserted = (await manager.query(
        `INSERT INTO ${tableOf(manager)} (name, description, tags, created_by, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $5) ON CONFLICT (name) DO NOTHING RETURNING name`,
        [cmd.name, cmd.description, cmd.tags, principal.id, now],
      )) as unknown[];
      if (inserted.length === 0)
        throw MlflowError.exists(`Registered Model (name=${cmd.name}) already exists.`);
      await this.events.publish(manager, 'RegisteredModelCreated', {
        meta: this.events.metas.create({
          subject: subject('model', cmd.name),
          actor: actorOf(principal),
          generated: [provRef.model(cmd.name)],
        }),
        name: cmd.name,
        description: cmd.description,
        tags: cmd.tags,
      });
      return repo.findOneByOrFail({ name: cmd.name });
    });
  }
}

function tableOf(manager: EntityManager): string {
  const meta = manager.connection.getMetadata(RegisteredModelEntity);
  return `"${meta.schema ?? 'public'}"."${meta.tableName}"`;
}
