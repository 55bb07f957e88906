import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { DatasetOrigin } from '@provenant/contracts';
import type { ManifestEntry } from '@provenant/dataset-hashing';

const bigintNumber = { to: (v: number) => v, from: (v: string) => Number(v) };

/** An immutable dataset version: its manifest and the Merkle root that identifies it. */
@Entity({ name: 'dataset_versions' })
export class DatasetVersionEntity {
  @PrimaryColumn('text') name: string;
  @PrimaryColumn('int') version: number;
  @Column('text') digest: string;
  @Column('text', { name: 'dvc_md5', nullable: true }) dvcMd5: string | null;
  @Column('text') origin: DatasetOrigin;
  @Column('text', { nullable: true }) path: string | null;
  @Column('bigint', { name: 'file_count', transformer: bigintNumber }) fileCount: number;
  @Column('bigint', { name: 'total_bytes', transformer: bigintNumber }) totalBytes: number;
  /** Empty for a training set: the registry never sees its file, only the digest (see docs/registry.md). */
  @Column('jsonb') manifest: ManifestEntry[];
  @Column('text', { name: 'training_set_id', nullable: true }) trainingSetId: string | null;
  @Column('text', { name: 'created_by' }) createdBy: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
}
