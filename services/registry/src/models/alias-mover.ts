import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { provRef, subject, type Actor } from '@provenant/contracts';
import { ModelAliasEntity } from './model.entities';
import { ModelEvents } from './model-events';

export interface AliasMove {
  name: string;
  alias: string;
  version: number;
  actor: Actor;
  promotionId: string | null;
  stage: string | null;
  artifactDigest: string | null;
  causedBy?: { eventId: string; correlationId: string };
}

/**
 * Moves an alias and records it: every alias change, governed or direct, is a
 * ModelVersionPromoted event in the same transaction (the audit trail MLflow lacks, mlflow#2169).
 */
@Injectable()
export class AliasMover {
  constructor(private readonly events: ModelEvents) {}

  async move(manager: EntityManager, m: AliasMove): Promise<{ previousVersion: number | null }> {
    const repo = manager.getRepository(ModelAliasEntity);
    const previous = await repo.findOne({
      where: { name: m.name, alias: m.alias },
      lock: { mode: 'pessimistic_write' },
    });
    await repo.save({ name: m.name, alias: m.alias, version: m.version, updatedAt: new Date() });
    const previousVersion = previous?.version ?? null;
    await this.events.publish(manager, 'ModelVersionPromoted', {
      meta: this.events.metas.create({
        subject: subject('model', m.name),
        actor: m.actor,
        causedBy: m.causedBy,
        used: [
          provRef.modelVersion(m.name, m.version, m.artifactDigest ?? undefined),
          ...(m.promotionId ? [provRef.promotion(m.promotionId)] : []),
        ],
      }),
      name: m.name,
      version: m.version,
      alias: m.alias,
      previousVersion,
      promotionId: m.promotionId,
      stage: m.stage,
    });
    return { previousVersion };
  }
}
