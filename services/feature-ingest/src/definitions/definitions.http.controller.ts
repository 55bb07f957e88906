import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { DefinitionProjection } from './definition-projection';

@ApiTags('definitions')
@ApiBearerAuth()
@Controller('features/views')
export class DefinitionsHttpController {
  constructor(
    private readonly projection: DefinitionProjection,
    private readonly dataSource: DataSource,
  ) {}

  /** What this service validates rows of `name` against: it may lag the registry by an event. */
  @Get(':name')
  @ApiOperation({
    summary: "A feature view as feature-ingest knows it (current version, with its entities' join keys)",
  })
  async view(@Param('name') name: string) {
    const found = await this.projection.lookup(this.dataSource.manager, name);
    if (!found.ok) throw new NotFoundException(found.message);
    return found.view;
  }
}
