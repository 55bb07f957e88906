import { z } from 'zod';
import { canonicalJson, sha256Of } from '../models/canonical-json';

const VERDICTS = ['IDENTICAL', 'COMPATIBLE', 'DRIFTED'] as const;

/** A model's gates for one target. Every field has a default, so `{}` is a valid (empty) policy. */
export const promotionPolicySchema = z
  .object({
    metrics: z
      .array(
        z.object({
          key: z.string().min(1),
          op: z.enum(['>=', '>', '<=', '<', '==']),
          threshold: z.number().finite(),
        }),
      )
      .default([]),
    environment: z
      .object({
        target: z.string().min(1).optional(),
        acceptedVerdicts: z.array(z.enum(VERDICTS)).min(1).default(['IDENTICAL', 'COMPATIBLE']),
      })
      .nullable()
      .default(null),
    lineage: z
      .object({
        data: z.boolean().default(true),
        code: z.boolean().default(true),
        environment: z.boolean().default(true),
      })
      .nullable()
      .default(null),
    requiredApprovals: z.number().int().min(0).max(10).default(0),
    ledgerIntegrity: z.boolean().default(true),
  })
  .strict();

export type PromotionPolicy = z.infer<typeof promotionPolicySchema>;

/**
 * With no policy stored, production gets the governed default (DESIGN.md §5: approver plus
 * passing gates): verified environment, complete lineage, one approval, an intact ledger.
 * Any other target only needs an intact ledger.
 */
export function defaultPolicy(target: string): PromotionPolicy {
  return target === 'production'
    ? promotionPolicySchema.parse({ environment: {}, lineage: {}, requiredApprovals: 1 })
    : promotionPolicySchema.parse({});
}

/** Production can never be configured below one approval. */
export function policyProblems(target: string, policy: PromotionPolicy): string[] {
  return target === 'production' && policy.requiredApprovals < 1
    ? ['requiredApprovals: production requires at least 1 approval by role approver']
    : [];
}

export function policyDigest(policy: PromotionPolicy): string {
  return sha256Of(canonicalJson(policy));
}
