import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { RunLineageEntity } from './lineage.entities';

/** What the registry has learned about a run from the tracker's events (the promotion gates' evidence). */
@ApiTags('promotion')
@ApiBearerAuth()
@Controller('api/provenant/runs')
export class RunLineageHttpController {
  constructor(private readonly dataSource: DataSource) {}

  @Get(':runId/lineage')
  @ApiOperation({ summary: "A run's metrics, code, data and environment as the registry knows them" })
  async lineage(@Param('runId') runId: string) {
    const run = await this.dataSource.getRepository(RunLineageEntity).findOneBy({ runId });
    if (!run) throw new NotFoundException(`the registry has seen no event of run ${runId}`);
    return run;
  }
}
