import type { PromotionEntity } from './promotion.entities';

/** A promotion as the API and CLI show it: who, when, the gates and the approvals. */
export function promotionJson(p: PromotionEntity) {
  return {
    promotion_id: p.promotionId,
    name: p.name,
    version: p.version,
    target: p.target,
    stage: p.stage,
    reason: p.reason,
    decision: p.decision,
    gates: p.gates,
    approvals: p.approvals.map((a) => ({ ...a, approvedAt: new Date(a.approvedAt / 1000).toISOString() })),
    policy_digest: p.policyDigest,
    requested_by: p.requestedBy,
    requested_at: p.requestedAt.toISOString(),
    decided_at: p.decidedAt.toISOString(),
    evaluations: p.evaluations,
  };
}
