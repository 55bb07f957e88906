import { ConflictException, ForbiddenException, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { actorOf } from '@provenant/events';
import { nowMicros } from '@provenant/contracts';
import type { Principal } from '@provenant/platform';
import { ModelRegistryStore } from '../models/model-registry.store';
import { PromotionDecider } from './promotion-decider';
import { PromotionEntity } from './promotion.entities';

export interface ApprovePromotionCommand {
  name: string;
  version: number;
  target: string;
  comment: string | null;
}

/**
 * An approver's approval of the promotion awaiting it; the gates are evaluated again with it
 * (another PromotionDecided), so a promotion completes only if everything still holds.
 */
@Injectable()
export class ApprovePromotionUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: ModelRegistryStore,
    private readonly decider: PromotionDecider,
  ) {}

  execute(cmd: ApprovePromotionCommand, principal: Principal): Promise<PromotionEntity> {
    const actor = actorOf(principal);
    return this.dataSource.transaction(async (manager) => {
      await this.store.model(manager, cmd.name, true);
      const version = await this.store.version(manager, cmd.name, cmd.version);
      const p = await manager.getRepository(PromotionEntity).findOne({
        where: { name: cmd.name, version: cmd.version, target: cmd.target, decision: 'AWAITING_APPROVAL' },
        order: { requestedAt: 'DESC' },
      });
      if (!p)
        throw new ConflictException(
          `no promotion of ${cmd.name} v${cmd.version} to ${cmd.target} is awaiting approval; request it first (models promote)`,
        );
      // Four eyes: whoever asked for the promotion cannot also approve it.
      if (p.requestedBy === principal.id)
        throw new ForbiddenException(
          `${principal.id} requested promotion ${p.promotionId} and cannot approve it`,
        );
      if (p.approvals.some((a) => a.principal === principal.id))
        throw new ConflictException(`${principal.id} has already approved promotion ${p.promotionId}`);
      p.approvals = [
        ...p.approvals,
        { principal: principal.id, role: 'approver', approvedAt: nowMicros(), comment: cmd.comment },
      ];
      return this.decider.evaluate(manager, p, version, actor);
    });
  }
}
