import { Controller, Get, NotFoundException, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Roles } from '@provenant/platform';
import { MaterializationStatusQuery } from './materialization-status.query';

@ApiTags('materialization')
@ApiBearerAuth()
@Controller('materializations')
export class MaterializationStatusHttpController {
  constructor(
    private readonly status: MaterializationStatusQuery,
    private readonly dataSource: DataSource,
  ) {}

  @Get('status')
  @Roles('pipeline', 'scientist', 'auditor')
  @ApiOperation({ summary: 'Per view: schedule, next run, last run and its outcome, watermark' })
  async list(@Query('view') view?: string) {
    const views = await this.status.views(this.dataSource.manager, view);
    if (view && views.length === 0) throw new NotFoundException(`view: unknown feature view ${view}`);
    return { views };
  }
}
