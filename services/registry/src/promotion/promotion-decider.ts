import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { provRef, subject, type Actor, type EventMeta } from '@provenant/contracts';
import { AliasMover } from '../models/alias-mover';
import type { ModelVersionEntity } from '../models/model.entities';
import { ModelEvents } from '../models/model-events';
import { evaluateGates } from './evaluate-gates';
import { decide } from './gate-result';
import { PromotionEvidenceReader } from './promotion-evidence';
import type { PromotionEntity } from './promotion.entities';
import { PromotionPolicyEntity } from './promotion.entities';
import { defaultPolicy, policyDigest } from './promotion-policy';

const STAGE_OF_TARGET: Record<string, string> = { production: 'Production', staging: 'Staging' };

/**
 * Evaluates a promotion's gates and records the outcome (PromotionDecided). Only when every gate
 * passes does the alias move (ModelVersionPromoted): a failed gate changes nothing else.
 */
@Injectable()
export class PromotionDecider {
  constructor(
    private readonly evidence: PromotionEvidenceReader,
    private readonly aliases: AliasMover,
    private readonly events: ModelEvents,
  ) {}

  async evaluate(
    manager: EntityManager,
    p: PromotionEntity,
    version: ModelVersionEntity,
    actor: Actor,
    causedBy?: Pick<EventMeta, 'eventId' | 'correlationId'>,
  ): Promise<PromotionEntity> {
    const stored = await manager
      .getRepository(PromotionPolicyEntity)
      .findOneBy({ name: p.name, target: p.target });
    const policy = stored?.policy ?? defaultPolicy(p.target);
    const evidence = await this.evidence.gather(manager, {
      runId: version.runId,
      target: p.target,
      policy,
      approvals: p.approvals,
    });
    p.gates = evaluateGates(policy, evidence);
    p.decision = decide(p.gates);
    p.policyDigest = stored?.digest ?? policyDigest(policy);
    p.decidedAt = new Date();
    p.evaluations = [
      ...p.evaluations,
      { at: p.decidedAt.toISOString(), by: actor.principal, decision: p.decision, gates: p.gates },
    ];
    await manager.save(p);

    const used = [
      provRef.promotion(p.promotionId),
      provRef.modelVersion(p.name, p.version, version.artifactDigest ?? undefined),
      ...(version.runId ? [provRef.run(version.runId, 'evidence')] : []),
      ...(evidence.run?.envFingerprint ? [provRef.env(evidence.run.envFingerprint)] : []),
    ];
    const decided = this.events.metas.create({ subject: subject('model', p.name), actor, causedBy, used });
    await this.events.publish(manager, 'PromotionDecided', {
      meta: decided,
      promotionId: p.promotionId,
      name: p.name,
      version: p.version,
      target: p.target,
      decision: p.decision,
      gates: p.gates,
      approvals: p.approvals,
      policyDigest: p.policyDigest,
    });
    if (p.decision === 'APPROVED')
      await this.aliases.move(manager, {
        name: p.name,
        alias: p.target,
        version: p.version,
        actor,
        promotionId: p.promotionId,
        stage: p.stage ?? STAGE_OF_TARGET[p.target] ?? null,
        artifactDigest: version.artifactDigest,
        causedBy: decided,
      });
    return p;
  }
}
