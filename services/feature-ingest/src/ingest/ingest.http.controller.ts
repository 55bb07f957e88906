import {
  Body,
  Controller,
  Inject,
  NotFoundException,
  PayloadTooLargeException,
  Post,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { v7 as uuidv7 } from 'uuid';
import { actorOf } from '@provenant/events';
import { APP_CONFIG, CurrentPrincipal, Roles, type Principal } from '@provenant/platform';
import type { FeatureIngestConfig } from '../config';
import { IngestRowsUseCase } from './ingest-rows.usecase';
import { UnknownFeatureViewError } from './ingest.command';
import { parsePushBody } from './parse-push-body';
import { PushRowsDto } from './push-rows.dto';
import { fromFlat } from './row-validator';

@ApiTags('ingest')
@ApiBearerAuth()
@Controller('features')
export class IngestHttpController {
  constructor(
    private readonly ingest: IngestRowsUseCase,
    @Inject(APP_CONFIG) private readonly config: FeatureIngestConfig,
  ) {}

  /**
   * 200 when rows were written (the rejected ones listed), 422 when none was (each rejected row
   * with its reason), 404 for an unknown view. Nothing is written twice for a resent batch id.
   */
  @Post('push')
  @Roles('pipeline', 'scientist')
  @ApiOperation({ summary: 'Validate and append a batch of feature rows to the offline store' })
  @ApiBody({ type: PushRowsDto })
  async push(
    @Body() body: Record<string, unknown>,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) res: Response,
  ) {
    const dto = parsePushBody(body);
    if (dto.rows.length > this.config.INGEST_MAX_BATCH_ROWS)
      throw new PayloadTooLargeException(`rows: at most ${this.config.INGEST_MAX_BATCH_ROWS} per request`);
    try {
      const result = await this.ingest.execute({
        featureView: dto.featureView,
        featureViewVersion: dto.featureViewVersion,
        batchId: dto.batchId ?? `push-${uuidv7()}`,
        source: dto.source ?? 'PUSH',
        sourceUri: dto.sourceUri ?? null,
        policy: dto.policy ?? this.config.INGEST_BATCH_POLICY,
        valuesAsText: dto.valuesAsText ?? false,
        rows: dto.rows,
        toCandidate: fromFlat,
        actor: actorOf(principal),
      });
      res.status(result.accepted === 0 && result.rejected > 0 ? 422 : 200);
      return result;
    } catch (err) {
      if (err instanceof UnknownFeatureViewError) throw new NotFoundException(`featureView: ${err.message}`);
      throw err;
    }
  }
}
