import { BadRequestException, Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { actorOf } from '@provenant/events';
import { CurrentPrincipal, Roles, type Principal } from '@provenant/platform';
import { toMicros } from '../training-sets/micros';
import { MaterializationRunStore } from './materialization-run.store';
import { MaterializeDto } from './materialize.dto';
import { RunMaterializationUseCase } from './run-materialization.usecase';

const CHUNK_ROWS = 10_000;

function micros(field: string, v: string | number | undefined): number | null {
  if (v === undefined) return null;
  const t = toMicros(v);
  if (t === undefined)
    throw new BadRequestException([`${field}: expected RFC 3339 or microseconds, got ${JSON.stringify(v)}`]);
  return t;
}

@ApiTags('materialization')
@ApiBearerAuth()
@Controller('materializations')
export class MaterializationHttpController {
  constructor(
    private readonly run: RunMaterializationUseCase,
    private readonly store: MaterializationRunStore,
    private readonly dataSource: DataSource,
  ) {}

  /** Runs to completion (or resumes a crashed run) and answers the runs, one per view. */
  @Post()
  @Roles('pipeline', 'scientist')
  @ApiOperation({ summary: 'Materialize views from the offline store into the online store' })
  async materialize(@Body() body: MaterializeDto, @CurrentPrincipal() principal: Principal) {
    const runs = await this.run.execute(
      {
        views: body.views ?? null,
        start: micros('start', body.start),
        end: micros('end', body.end),
        chunkSize: CHUNK_ROWS,
      },
      actorOf(principal),
    );
    return { runs };
  }

  @Get()
  @Roles('pipeline', 'scientist', 'auditor')
  @ApiOperation({ summary: 'Recent materialization runs, newest first' })
  async list(@Query('view') view?: string, @Query('limit') limit = '20') {
    const n = Number(limit);
    if (!Number.isInteger(n) || n < 1 || n > 1000) throw new BadRequestException(['limit: 1 to 1000']);
    return { runs: await this.store.recent(this.dataSource.manager, view, n) };
  }
}
