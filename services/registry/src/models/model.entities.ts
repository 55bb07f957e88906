import { Column, Entity, PrimaryColumn } from 'typeorm';

export interface SignatureJson {
  inputs: string;
  outputs: string;
  params: string | null;
}

/** A registered model (MLflow RegisteredModel); its versions and aliases hang off its name. */
@Entity({ name: 'registered_models' })
export class RegisteredModelEntity {
  @PrimaryColumn('text') name: string;
  @Column('text', { nullable: true }) description: string | null;
  @Column('jsonb') tags: Record<string, string>;
  @Column('text', { name: 'created_by' }) createdBy: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
}

/**
 * A model version: a tracker run's artifact, by digest, with its signature. Stages are not stored:
 * MLflow's stage is derived from the `staging`/`production` aliases (and the archived flag).
 */
@Entity({ name: 'model_versions' })
export class ModelVersionEntity {
  @PrimaryColumn('text') name: string;
  @PrimaryColumn('int') version: number;
  @Column('text') source: string;
  @Column('text', { name: 'run_id', nullable: true }) runId: string | null;
  @Column('text', { name: 'artifact_digest', nullable: true }) artifactDigest: string | null;
  @Column('jsonb', { nullable: true }) signature: SignatureJson | null;
  @Column('text') status: 'READY' | 'PENDING_REGISTRATION' | 'FAILED_REGISTRATION';
  @Column('boolean') archived: boolean;
  @Column('text', { nullable: true }) description: string | null;
  @Column('jsonb') tags: Record<string, string>;
  @Column('text', { name: 'run_link', nullable: true }) runLink: string | null;
  /** `model/<name>/v<N>` when the version was registered with a git tag on its run's commit. */
  @Column('text', { name: 'git_tag', nullable: true }) gitTag: string | null;
  @Column('text', { name: 'created_by' }) createdBy: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
}

/** A named, movable pointer at one version of a model (`champion`, `production`, …). */
@Entity({ name: 'model_aliases' })
export class ModelAliasEntity {
  @PrimaryColumn('text') name: string;
  @PrimaryColumn('text') alias: string;
  @Column('int') version: number;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
}
