import { Column, Entity, PrimaryColumn } from 'typeorm';

export interface MetricValue {
  value: number;
  timestamp: number;
  step: number;
}
export interface DatasetUse {
  name: string;
  digest: string;
  context: string | null;
}

/** What the registry knows of a tracker run, from provenant.runs.v1 alone. */
@Entity({ name: 'run_lineage' })
export class RunLineageEntity {
  @PrimaryColumn('text', { name: 'run_id' }) runId: string;
  @Column('text', { name: 'experiment_id', nullable: true }) experimentId: string | null;
  @Column('text', { nullable: true }) status: string | null;
  @Column('text', { name: 'code_commit', nullable: true }) codeCommit: string | null;
  @Column('text', { name: 'env_fingerprint', nullable: true }) envFingerprint: string | null;
  @Column('jsonb') params: Record<string, string>;
  @Column('jsonb') metrics: Record<string, MetricValue>;
  @Column('jsonb') datasets: DatasetUse[];
  @Column('jsonb') artifacts: Record<string, { digest: string; sizeBytes: number }>;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
}

/** The latest env-verifier verdict for one environment against one named target. */
@Entity({ name: 'env_verifications' })
export class EnvVerificationEntity {
  @PrimaryColumn('text') fingerprint: string;
  @PrimaryColumn('text') target: string;
  @Column('text') verdict: string;
  @Column('text', { name: 'verification_id' }) verificationId: string;
  @Column('timestamptz', { name: 'verified_at' }) verifiedAt: Date;
}

/** An integrity violation the audit-ledger reported; open until someone resolves it. */
@Entity({ name: 'ledger_violations' })
export class LedgerViolationEntity {
  @PrimaryColumn('text', { name: 'violation_id' }) violationId: string;
  @Column('text') kind: string;
  @Column('text') detail: string;
  @Column('timestamptz', { name: 'detected_at' }) detectedAt: Date;
  @Column('timestamptz', { name: 'resolved_at', nullable: true }) resolvedAt: Date | null;
  @Column('text', { name: 'resolved_by', nullable: true }) resolvedBy: string | null;
  @Column('text', { nullable: true }) resolution: string | null;
}
