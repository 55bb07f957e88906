import { Injectable } from '@nestjs/common';
import { IsNull, type EntityManager } from 'typeorm';
import type { Approval } from '@provenant/contracts';
import {
  EnvVerificationEntity,
  LedgerViolationEntity,
  RunLineageEntity,
} from '../models/lineage/lineage.entities';
import type { PromotionEvidence } from './evaluate-gates';
import type { PromotionPolicy } from './promotion-policy';

/** Collects a promotion's evidence from the registry's projections, inside the deciding transaction. */
@Injectable()
export class PromotionEvidenceReader {
  async gather(
    manager: EntityManager,
    q: { runId: string | null; target: string; policy: PromotionPolicy; approvals: Approval[] },
  ): Promise<PromotionEvidence> {
    const run = q.runId ? await manager.getRepository(RunLineageEntity).findOneBy({ runId: q.runId }) : null;
    const envTarget = q.policy.environment?.target ?? q.target;
    const verification =
      run?.envFingerprint != null
        ? await manager
            .getRepository(EnvVerificationEntity)
            .findOneBy({ fingerprint: run.envFingerprint, target: envTarget })
        : null;
    const open = await manager.getRepository(LedgerViolationEntity).find({ where: { resolvedAt: IsNull() } });
    return {
      target: q.target,
      runId: q.runId,
      run: run && {
        runId: run.runId,
        metrics: run.metrics,
        codeCommit: run.codeCommit,
        envFingerprint: run.envFingerprint,
        datasets: run.datasets,
      },
      envVerification: verification && {
        verdict: verification.verdict,
        verificationId: verification.verificationId,
      },
      approvals: q.approvals,
      openViolations: open.map((v) => ({ violationId: v.violationId, kind: v.kind })),
    };
  }
}
