import {
  BadRequestException,
  Body,
  Controller,
  Get,
  Header,
  NotFoundException,
  Param,
  Put,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { CurrentPrincipal, Roles, type Principal } from '@provenant/platform';
import { ZodBodyPipe } from '../../features/zod-body.pipe';
import { ModelCardEntity } from './model-card.entity';
import { cardSections, type CardSections } from './model-card.schema';
import { PublishModelCardUseCase } from './publish-model-card.usecase';
import { renderModelCard } from './render-model-card';

const positive = (field: string, text: string) => {
  if (!/^[1-9]\d{0,8}$/.test(text)) throw new BadRequestException(`${field}: must be a positive integer`);
  return Number(text);
};

/** Structured, versioned model cards, filled from lineage; JSON or Markdown. */
@ApiTags('model cards')
@ApiBearerAuth()
@Controller('api/provenant/models/:name/versions/:version/card')
export class ModelCardsHttpController {
  constructor(
    private readonly publish: PublishModelCardUseCase,
    private readonly dataSource: DataSource,
  ) {}

  @Put()
  @Roles('scientist', 'pipeline', 'approver')
  @ApiOperation({ summary: 'Publish a new card revision: edited sections plus lineage (ModelCardPublished)' })
  async put(
    @Param('name') name: string,
    @Param('version') version: string,
    @Body(new ZodBodyPipe(cardSections)) edits: CardSections,
    @CurrentPrincipal() principal: Principal,
  ) {
    return view(await this.publish.execute(name, positive('version', version), edits, principal));
  }

  @Get()
  async get(
    @Param('name') name: string,
    @Param('version') version: string,
    @Query('revision') revision?: string,
  ) {
    return view(await this.find(name, version, revision));
  }

  @Get('markdown')
  @Header('content-type', 'text/markdown; charset=utf-8')
  async markdown(
    @Param('name') name: string,
    @Param('version') version: string,
    @Query('revision') revision?: string,
  ) {
    const row = await this.find(name, version, revision);
    return renderModelCard(row.card, row.revision);
  }

  private async find(name: string, version: string, revision?: string): Promise<ModelCardEntity> {
    const v = positive('version', version);
    const found = await this.dataSource.getRepository(ModelCardEntity).findOne({
      where: { name, version: v, ...(revision ? { revision: positive('revision', revision) } : {}) },
      order: { revision: 'DESC' },
    });
    if (!found)
      throw new NotFoundException(`no card${revision ? ` revision ${revision}` : ''} for ${name} v${v}`);
    return found;
  }
}

const view = (c: ModelCardEntity) => ({
  name: c.name,
  version: c.version,
  revision: c.revision,
  digest: c.digest,
  published_by: c.publishedBy,
  published_at: c.publishedAt.toISOString(),
  card: c.card,
});
