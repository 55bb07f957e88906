import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Put,
  Query,
  UnprocessableEntityException,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { CurrentPrincipal, Roles, type Principal } from '@provenant/platform';
import { ZodBodyPipe } from '../features/zod-body.pipe';
import { ModelRegistryStore } from '../models/model-registry.store';
import { ApprovePromotionUseCase } from './approve-promotion.usecase';
import { approveBody, promoteBody, versionParam } from './promotion.dto';
import { PromotionEntity, PromotionPolicyEntity } from './promotion.entities';
import {
  defaultPolicy,
  policyDigest,
  policyProblems,
  promotionPolicySchema,
  type PromotionPolicy,
} from './promotion-policy';
import { promotionJson } from './promotion.view';
import { RequestPromotionUseCase } from './request-promotion.usecase';

type PromoteBody = ReturnType<typeof promoteBody.parse>;
type ApproveBody = ReturnType<typeof approveBody.parse>;

/** Governed promotion: policies, requests, approvals and the queryable history. */
@ApiTags('promotion')
@ApiBearerAuth()
@Controller('api/provenant/models/:name')
export class PromotionsHttpController {
  constructor(
    private readonly request: RequestPromotionUseCase,
    private readonly approve: ApprovePromotionUseCase,
    private readonly store: ModelRegistryStore,
    private readonly dataSource: DataSource,
  ) {}

  @Post('versions/:version/promotions')
  @HttpCode(200)
  @Roles('scientist', 'pipeline', 'approver')
  @ApiOperation({ summary: 'Request a promotion: every gate evaluated; the alias moves only if all pass' })
  async promote(
    @Param('name') name: string,
    @Param('version') version: string,
    @Body(new ZodBodyPipe(promoteBody)) body: PromoteBody,
    @CurrentPrincipal() principal: Principal,
  ) {
    const v = versionParam(version);
    return promotionJson(await this.request.execute({ name, version: v, ...body, stage: null }, principal));
  }

  @Post('versions/:version/approvals')
  @HttpCode(200)
  @Roles('approver')
  @ApiOperation({ summary: 'Approve the promotion awaiting approval; gates are evaluated again' })
  async approveVersion(
    @Param('name') name: string,
    @Param('version') version: string,
    @Body(new ZodBodyPipe(approveBody)) body: ApproveBody,
    @CurrentPrincipal() principal: Principal,
  ) {
    const v = versionParam(version);
    return promotionJson(await this.approve.execute({ name, version: v, ...body }, principal));
  }

  @Get('promotions')
  @ApiOperation({ summary: 'Promotion history of a model (who, when, gate results), newest first' })
  async history(
    @Param('name') name: string,
    @Query('version') version?: string,
    @Query('target') target?: string,
  ) {
    await this.store.model(this.dataSource.manager, name);
    const rows = await this.dataSource.getRepository(PromotionEntity).find({
      where: { name, ...(version ? { version: versionParam(version) } : {}), ...(target ? { target } : {}) },
      order: { requestedAt: 'DESC' },
    });
    return { name, promotions: rows.map(promotionJson) };
  }

  @Get('policies/:target')
  async policy(@Param('name') name: string, @Param('target') target: string) {
    const stored = await this.dataSource.getRepository(PromotionPolicyEntity).findOneBy({ name, target });
    const policy = stored?.policy ?? defaultPolicy(target);
    return { name, target, default: !stored, policy, digest: stored?.digest ?? policyDigest(policy) };
  }

  @Put('policies/:target')
  @Roles('approver')
  @ApiOperation({ summary: "Set a model's promotion policy for a target (approvers only)" })
  async setPolicy(
    @Param('name') name: string,
    @Param('target') target: string,
    @Body(new ZodBodyPipe(promotionPolicySchema)) policy: PromotionPolicy,
    @CurrentPrincipal() principal: Principal,
  ) {
    const problems = policyProblems(target, policy);
    if (problems.length > 0) throw new UnprocessableEntityException({ statusCode: 422, message: problems });
    await this.store.model(this.dataSource.manager, name);
    const digest = policyDigest(policy);
    await this.dataSource
      .getRepository(PromotionPolicyEntity)
      .save({ name, target, policy, digest, updatedBy: principal.id, updatedAt: new Date() });
    return { name, target, default: false, policy, digest };
  }
}
