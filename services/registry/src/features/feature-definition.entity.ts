import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { DefinitionChange } from '@provenant/contracts';
import type { DefinitionKind, DefinitionSpec } from './definition.types';

/**
 * One revision of an entity, feature view or feature service. Append-only: an apply adds a
 * revision per changed object (same version for compatible changes, a new one for breaking
 * changes, a DELETED revision for removals), so every version ever applied stays readable.
 */
@Entity({ name: 'feature_definitions' })
export class FeatureDefinitionEntity {
  @PrimaryColumn('text')
  kind: DefinitionKind;

  @PrimaryColumn('text')
  name: string;

  @PrimaryColumn('int')
  revision: number;

  @Column('int')
  version: number;

  @Column('text')
  change: DefinitionChange;

  @Column('jsonb')
  spec: DefinitionSpec;

  @Column('text')
  digest: string;

  @Column('uuid', { name: 'apply_id' })
  applyId: string;

  @Column('text', { name: 'applied_by' })
  appliedBy: string;

  @CreateDateColumn({ name: 'applied_at', type: 'timestamptz' })
  appliedAt: Date;
}
