import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@provenant/platform';
import { ExportOpenLineageUseCase } from './export-openlineage.usecase';
import { OpenLineageEventsQuery } from './openlineage-queries.dto';

/** OpenLineage RunEvents of Provenant's runs, materializations and training sets, from the log. */
@ApiTags('lineage')
@Controller('openlineage')
export class OpenLineageHttpController {
  constructor(private readonly exporter: ExportOpenLineageUseCase) {}

  @Roles('auditor', 'scientist')
  @Get('events')
  @ApiOperation({ summary: 'RunEvents in log order: {events, next}; pass next as after for the next page' })
  events(@Query() q: OpenLineageEventsQuery) {
    return this.exporter.execute(q.after, q.limit);
  }
}
