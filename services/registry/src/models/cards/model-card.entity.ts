import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CardSections, ModelCard } from './model-card.schema';

/** One published revision of a model version's card: the human sections and the full card. */
@Entity({ name: 'model_cards' })
export class ModelCardEntity {
  @PrimaryColumn('text') name: string;
  @PrimaryColumn('int') version: number;
  @PrimaryColumn('int') revision: number;
  @Column('jsonb') sections: CardSections;
  @Column('jsonb') card: ModelCard;
  @Column('text') digest: string;
  @Column('text', { name: 'published_by' }) publishedBy: string;
  @Column('timestamptz', { name: 'published_at' }) publishedAt: Date;
}
