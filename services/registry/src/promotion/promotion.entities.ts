import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Approval, GateResult, PromotionDecision } from '@provenant/contracts';
import type { PromotionPolicy } from './promotion-policy';

/** A model's promotion policy for one target alias. */
@Entity({ name: 'promotion_policies' })
export class PromotionPolicyEntity {
  @PrimaryColumn('text') name: string;
  @PrimaryColumn('text') target: string;
  @Column('jsonb') policy: PromotionPolicy;
  @Column('text') digest: string;
  @Column('text', { name: 'updated_by' }) updatedBy: string;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
}

export interface Evaluation {
  at: string;
  by: string;
  decision: PromotionDecision;
  gates: GateResult[];
}

/** One governed promotion request and every evaluation of it: the queryable promotion history. */
@Entity({ name: 'promotions' })
export class PromotionEntity {
  @PrimaryColumn('uuid', { name: 'promotion_id' }) promotionId: string;
  @Column('text') name: string;
  @Column('int') version: number;
  @Column('text') target: string;
  @Column('text', { nullable: true }) stage: string | null;
  @Column('text', { nullable: true }) reason: string | null;
  @Column('text') decision: PromotionDecision;
  @Column('jsonb') gates: GateResult[];
  @Column('jsonb') approvals: Approval[];
  @Column('jsonb') evaluations: Evaluation[];
  @Column('text', { name: 'policy_digest' }) policyDigest: string;
  @Column('text', { name: 'requested_by' }) requestedBy: string;
  @Column('timestamptz', { name: 'requested_at' }) requestedAt: Date;
  @Column('timestamptz', { name: 'decided_at' }) decidedAt: Date;
}
