import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { MlflowApi } from '../mlflow/mlflow-roles';
import { CompareRunsUseCase } from './compare-runs.usecase';
import { RunProvenanceUseCase } from './run-provenance.usecase';

/** Provenant's run endpoints beyond MLflow; errors keep MLflow's shape for one client-side parser. */
@ApiTags('runs (provenant)')
@MlflowApi()
@Controller('api/provenant/runs')
export class ProvenantRunsHttpController {
  constructor(
    private readonly compare: CompareRunsUseCase,
    private readonly provenance: RunProvenanceUseCase,
  ) {}

  @Get('compare')
  @ApiOperation({
    summary: 'params and metrics of two runs side by side, in DVC params/metrics diff --json shape',
  })
  compareRuns(@Query('ids') ids = '', @Query('all') all?: string) {
    return this.compare.execute(ids.split(',').filter(Boolean), all === 'true');
  }

  @Get(':runId/provenance')
  @ApiOperation({ summary: "a run's code, data, environment, parent/child runs and artifact digests" })
  runProvenance(@Param('runId') runId: string) {
    return this.provenance.execute(runId);
  }
}
