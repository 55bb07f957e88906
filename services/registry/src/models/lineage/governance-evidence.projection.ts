import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  dateFromMicros,
  type EnvironmentVerified,
  type LedgerIntegrityViolation,
} from '@provenant/contracts';
import { EnvVerificationEntity, LedgerViolationEntity } from './lineage.entities';

/** Env-verifier verdicts for named targets and the ledger's integrity violations. */
@Injectable()
export class GovernanceEvidenceProjection {
  async environmentVerified(manager: EntityManager, e: EnvironmentVerified): Promise<void> {
    // Only verifications against a named target (e.g. `production`) feed promotion gates.
    if (e.reference.kind !== 'TARGET') return;
    const verifiedAt = dateFromMicros(e.meta.occurredAt);
    await manager.query(
      `INSERT INTO ${table(manager, 'env_verifications')} (fingerprint, target, verdict, verification_id, verified_at)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (fingerprint, target) DO UPDATE SET verdict = EXCLUDED.verdict,
         verification_id = EXCLUDED.verification_id, verified_at = EXCLUDED.verified_at
       WHERE ${table(manager, 'env_verifications')}.verified_at <= EXCLUDED.verified_at`,
      [e.fingerprint, e.reference.id, e.verdict, e.verificationId, verifiedAt],
    );
  }

  async integrityViolated(manager: EntityManager, e: LedgerIntegrityViolation): Promise<void> {
    await manager
      .getRepository(LedgerViolationEntity)
      .createQueryBuilder()
      .insert()
      .values({
        violationId: e.violationId,
        kind: e.kind,
        detail: e.detail,
        detectedAt: dateFromMicros(e.meta.occurredAt),
        resolvedAt: null,
        resolvedBy: null,
        resolution: null,
      })
      .orIgnore()
      .execute();
  }
}

function table(manager: EntityManager, name: string): string {
  const schema = manager.connection.getMetadata(EnvVerificationEntity).schema ?? 'public';
  return `"${schema}".${name}`;
}
