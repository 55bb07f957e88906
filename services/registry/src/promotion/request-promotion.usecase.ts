import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { DataSource } from 'typeorm';
import { actorOf } from '@provenant/events';
import { provRef, subject } from '@provenant/contracts';
import type { Principal } from '@provenant/platform';
import { ModelEvents } from '../models/model-events';
import { ModelRegistryStore } from '../models/model-registry.store';
import { validateAlias } from '../models/stages';
import { PromotionDecider } from './promotion-decider';
import { PromotionEntity } from './promotion.entities';
import { requireRole, rolesToPromote } from './promotion-roles';

export interface RequestPromotionCommand {
  name: string;
  version: number;
  target: string;
  reason: string | null;
  /** The MLflow stage, when the request came through transition-stage. */
  stage: string | null;
}

/** A governed promotion: PromotionRequested, the gates' PromotionDecided and, if approved, the alias move. */
@Injectable()
export class RequestPromotionUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: ModelRegistryStore,
    private readonly decider: PromotionDecider,
    private readonly events: ModelEvents,
  ) {}

  execute(cmd: RequestPromotionCommand, principal: Principal): Promise<PromotionEntity> {
    validateAlias(cmd.target);
    requireRole(principal, rolesToPromote(cmd.target), `promotion to ${cmd.target}`);
    const actor = actorOf(principal);
    return this.dataSource.transaction(async (manager) => {
      await this.store.model(manager, cmd.name, true); // one decision at a time per model
      const version = await this.store.version(manager, cmd.name, cmd.version);
      const now = new Date();
      const p = manager.getRepository(PromotionEntity).create({
        promotionId: uuidv7(),
        ...cmd,
        decision: 'AWAITING_APPROVAL',
        gates: [],
        approvals: [],
        evaluations: [],
        policyDigest: '',
        requestedBy: principal.id,
        requestedAt: now,
        decidedAt: now,
      });
      const requested = this.events.metas.create({
        subject: subject('model', cmd.name),
        actor,
        used: [provRef.modelVersion(cmd.name, cmd.version, version.artifactDigest ?? undefined)],
        generated: [provRef.promotion(p.promotionId)],
      });
      await this.events.publish(manager, 'PromotionRequested', {
        meta: requested,
        promotionId: p.promotionId,
        name: cmd.name,
        version: cmd.version,
        target: cmd.target,
        stage: cmd.stage,
        reason: cmd.reason,
      });
      return this.decider.evaluate(manager, p, version, actor, requested);
    });
  }
}
