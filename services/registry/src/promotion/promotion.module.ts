import { Module } from '@nestjs/common';
import { ModelsModule } from '../models/models.module';
import { ApprovePromotionUseCase } from './approve-promotion.usecase';
import { CreatePromotions1764400000002 } from './1764400000002-create-promotions.migration';
import { LedgerViolationsHttpController } from './ledger-violations.http.controller';
import { PromotionDecider } from './promotion-decider';
import { PromotionEntity, PromotionPolicyEntity } from './promotion.entities';
import { PromotionEvidenceReader } from './promotion-evidence';
import { PromotionsHttpController } from './promotions.http.controller';
import { RequestPromotionUseCase } from './request-promotion.usecase';
import { StageTransitionHttpController } from './stage-transition.http.controller';
import { TransitionStageUseCase } from './transition-stage.usecase';

/** Governed promotion: per-model policies, gates over lineage evidence, approvals, history. */
@Module({
  imports: [ModelsModule],
  controllers: [PromotionsHttpController, StageTransitionHttpController, LedgerViolationsHttpController],
  providers: [
    PromotionEvidenceReader,
    PromotionDecider,
    RequestPromotionUseCase,
    ApprovePromotionUseCase,
    TransitionStageUseCase,
  ],
})
export class PromotionModule {
  static readonly entities = [PromotionPolicyEntity, PromotionEntity];
  static readonly migrations = [CreatePromotions1764400000002];
}
