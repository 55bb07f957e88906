import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@provenant/platform';
import { MarquezLineageQuery } from './lineage-queries.dto';
import { MarquezLineageUseCase } from './marquez-lineage.usecase';

/** Marquez's lineage read API, so Marquez's web UI and clients can browse the ledger's graph. */
@ApiTags('lineage')
@Controller('api/v1')
export class MarquezLineageHttpController {
  constructor(private readonly marquez: MarquezLineageUseCase) {}

  @Roles('auditor', 'scientist')
  @Get('lineage')
  @ApiOperation({ summary: 'Marquez-compatible lineage graph around nodeId, both directions, up to depth' })
  lineage(@Query() q: MarquezLineageQuery) {
    return this.marquez.execute(q.nodeId, q.depth);
  }
}
