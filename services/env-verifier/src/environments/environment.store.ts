import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '@provenant/platform';
import type { EntityManager } from 'typeorm';
import type { EnvironmentManifest, Verification, VerificationPolicy } from '@provenant/env-capture';
import type { EnvVerifierConfig } from '../config';

export interface StoredCapture {
  captureId: string;
  fingerprint: string;
  label: string | null;
  runId: string | null;
  manifest: EnvironmentManifest;
  recordedAt: string;
}

export interface StoredTarget {
  name: string;
  fingerprint: string | null;
  policy: VerificationPolicy | null;
}

export interface NewVerification extends Verification {
  verificationId: string;
  fingerprint: string;
  reference: { kind: string; id: string; fingerprint: string };
  policy: VerificationPolicy;
}

const CAPTURE_COLUMNS = `capture_id AS "captureId", fingerprint, label, run_id AS "runId", manifest, recorded_at AS "recordedAt"`;

/** The env-verifier's tables (migration 1764400000000), always through the caller's transaction. */
@Injectable()
export class EnvironmentStore {
  private readonly captures: string;
  private readonly targets: string;
  private readonly verifications: string;

  constructor(@Inject(APP_CONFIG) config: EnvVerifierConfig) {
    const s = `"${config.DATABASE_SCHEMA.replace(/"/g, '')}"`;
    this.captures = `${s}.environment_captures`;
    this.targets = `${s}.environment_targets`;
    this.verifications = `${s}.environment_verifications`;
  }

  async insertCapture(m: EntityManager, c: Omit<StoredCapture, 'recordedAt'>): Promise<void> {
    await m.query(
      `INSERT INTO ${this.captures} (capture_id, fingerprint, label, run_id, git_commit, manifest, captured_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        c.captureId,
        c.fingerprint,
        c.label,
        c.runId,
        c.manifest.git?.commit ?? null,
        c.manifest,
        c.manifest.capturedAt,
      ],
    );
  }

  /** The latest capture matching one column: `fingerprint`, `label` (a target's name) or `run_id`. */
  async latestCapture(
    m: EntityManager,
    by: 'fingerprint' | 'label' | 'run_id',
    value: string,
  ): Promise<StoredCapture | null> {
    const rows: StoredCapture[] = await m.query(
      `SELECT ${CAPTURE_COLUMNS} FROM ${this.captures} WHERE ${by} = $1 ORDER BY recorded_at DESC LIMIT 1`,
      [value],
    );
    return rows[0] ?? null;
  }

  async target(m: EntityManager, name: string): Promise<StoredTarget | null> {
    const rows: StoredTarget[] = await m.query(
      `SELECT name, fingerprint, policy FROM ${this.targets} WHERE name = $1`,
      [name],
    );
    return rows[0] ?? null;
  }

  async upsertTarget(m: EntityManager, t: StoredTarget): Promise<void> {
    await m.query(
      `INSERT INTO ${this.targets} (name, fingerprint, policy) VALUES ($1, $2, $3)
       ON CONFLICT (name) DO UPDATE SET fingerprint = EXCLUDED.fingerprint, policy = EXCLUDED.policy, updated_at = now()`,
      [t.name, t.fingerprint, t.policy === null ? null : JSON.stringify(t.policy)],
    );
  }

  async insertVerification(m: EntityManager, v: NewVerification): Promise<void> {
    await m.query(
      `INSERT INTO ${this.verifications} (verification_id, fingerprint, reference_kind, reference_id,
         reference_fingerprint, verdict, differences, policy, policy_digest)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        v.verificationId,
        v.fingerprint,
        v.reference.kind,
        v.reference.id,
        v.reference.fingerprint,
        v.verdict,
        JSON.stringify(v.differences),
        JSON.stringify(v.policy),
        v.policyDigest,
      ],
    );
  }

  async verification(m: EntityManager, id: string): Promise<Record<string, unknown> | null> {
    const rows = await m.query(
      `SELECT verification_id AS "verificationId", fingerprint, reference_kind AS "referenceKind", reference_id AS "referenceId",
         reference_fingerprint AS "referenceFingerprint", verdict, differences, policy, policy_digest AS "policyDigest",
         created_at AS "createdAt"
       FROM ${this.verifications} WHERE verification_id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }
}
