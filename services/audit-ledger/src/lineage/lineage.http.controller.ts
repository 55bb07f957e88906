import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@provenant/platform';
import { LineageWalkQuery } from './lineage-queries.dto';
import { PredictionLineageUseCase } from './prediction-lineage.usecase';
import { WalkLineageUseCase } from './walk-lineage.usecase';

/** Express 5 hands a `*ref` wildcard over as its path segments: refs like `model:fraud/3` hold slashes. */
const joined = (ref: string | string[]) => (Array.isArray(ref) ? ref.join('/') : ref);

@ApiTags('lineage')
@Controller('lineage')
export class LineageHttpController {
  constructor(
    private readonly walk: WalkLineageUseCase,
    private readonly prediction: PredictionLineageUseCase,
  ) {}

  @Roles('auditor', 'scientist')
  @Get('upstream/*ref')
  @ApiOperation({
    summary: 'What a thing came from: PROV edges walked backwards, depth-limited, as of a tree size',
  })
  upstream(@Param('ref') ref: string | string[], @Query() q: LineageWalkQuery) {
    return this.walk.execute(joined(ref), 'upstream', q.depth, q.treeSize);
  }

  @Roles('auditor', 'scientist')
  @Get('downstream/*ref')
  @ApiOperation({ summary: 'What came of a thing: every model and prediction it influenced' })
  downstream(@Param('ref') ref: string | string[], @Query() q: LineageWalkQuery) {
    return this.walk.execute(joined(ref), 'downstream', q.depth, q.treeSize);
  }

  @Roles('auditor', 'scientist')
  @Get('prediction/:id')
  @ApiOperation({
    summary:
      'From a prediction to the served features, their batches and sources, the model, run, data, code and environment',
  })
  predictionLineage(@Param('id') id: string, @Query() q: LineageWalkQuery) {
    return this.prediction.execute(id, q.treeSize);
  }
}
