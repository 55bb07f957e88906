import {
  Body,
  Controller,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  Post,
  UnprocessableEntityException,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { CurrentPrincipal, Roles, type Principal } from '@provenant/platform';
import { DEFINITION_KINDS, RepoValidationError, type DefinitionKind } from './definition.types';
import { featureRepoDocument, type FeatureRepoDocument } from './feature-repo.schema';
import { FeatureDefinitionStore } from './feature-definition.store';
import { ApplyFeaturesUseCase } from './apply-features.usecase';
import { PlanFeaturesUseCase } from './plan-features.usecase';
import { ZodBodyPipe } from './zod-body.pipe';

async function asUnprocessable<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (!(err instanceof RepoValidationError)) throw err;
    throw new UnprocessableEntityException({
      statusCode: 422,
      error: 'Unprocessable Entity',
      message: err.issues.map((i) => `${i.path}: ${i.message}`),
      issues: err.issues,
    });
  }
}

@ApiTags('features')
@ApiBearerAuth()
@Controller('features')
export class FeaturesHttpController {
  constructor(
    private readonly plan: PlanFeaturesUseCase,
    private readonly apply: ApplyFeaturesUseCase,
    private readonly store: FeatureDefinitionStore,
    private readonly dataSource: DataSource,
  ) {}

  @Post('plan')
  @HttpCode(200)
  @Roles('scientist', 'pipeline', 'approver', 'auditor')
  @ApiOperation({ summary: 'What applying this feature repository would change (writes nothing)' })
  planRepo(@Body(new ZodBodyPipe(featureRepoDocument)) repo: FeatureRepoDocument) {
    return asUnprocessable(() => this.plan.execute(repo));
  }

  @Post('apply')
  @HttpCode(200)
  @Roles('scientist', 'pipeline')
  @ApiOperation({ summary: 'Apply a feature repository: new revisions and their events, in one transaction' })
  applyRepo(
    @Body(new ZodBodyPipe(featureRepoDocument)) repo: FeatureRepoDocument,
    @CurrentPrincipal() principal: Principal,
  ) {
    return asUnprocessable(() => this.apply.execute(repo, principal));
  }

  @Get('definitions')
  @ApiOperation({ summary: 'The current state of every entity, feature view and feature service' })
  async list() {
    const latest = await this.store.latest(this.dataSource.manager);
    return {
      definitions: latest.map((d) => ({
        kind: d.kind,
        name: d.name,
        version: d.version,
        deleted: d.change === 'DELETED',
        digest: d.digest,
        spec: d.spec,
      })),
    };
  }

  @Get('definitions/:kind/:name')
  @ApiOperation({ summary: 'Every revision of one definition, oldest first' })
  async history(@Param('kind') kind: string, @Param('name') name: string) {
    if (!DEFINITION_KINDS.includes(kind as DefinitionKind))
      throw new NotFoundException(`kind must be one of ${DEFINITION_KINDS.join(', ')}`);
    const revisions = await this.store.history(this.dataSource.manager, kind as DefinitionKind, name);
    if (revisions.length === 0) throw new NotFoundException(`no ${kind} named ${name}`);
    return { kind, name, revisions };
  }
}
