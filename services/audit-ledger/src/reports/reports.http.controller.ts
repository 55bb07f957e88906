import { BadRequestException, Controller, Get, Param, ParseIntPipe } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@provenant/platform';
import { ModelReportUseCase } from './model-report.usecase';

@ApiTags('reports')
@Controller('reports')
export class ReportsHttpController {
  constructor(private readonly modelReport: ModelReportUseCase) {}

  @Roles('auditor', 'scientist', 'approver')
  @Get('models/:name/:version')
  @ApiOperation({
    summary:
      'Reproducibility report of a model version: data, code, environment, params, metrics, promotions, card, Annex IV; every claim with its inclusion proof',
  })
  model(
    @Param('name') name: string,
    @Param(
      'version',
      new ParseIntPipe({ exceptionFactory: () => new BadRequestException('version must be an integer') }),
    )
    version: number,
  ) {
    return this.modelReport.execute(name, version);
  }
}
