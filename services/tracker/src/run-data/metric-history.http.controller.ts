import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { MlflowApi } from '../mlflow/mlflow-roles';
import { runIdOf } from '../runs/run-requests';
import { RunStore } from '../runs/run.store';
import { RunDataStore } from './run-data.store';
import { int64, jsonDouble, MlflowError, parseRequest } from '@provenant/platform';

const historyRequest = z.object({
  metric_key: z.string(),
  max_results: int64.optional(),
  page_token: z.string().optional(),
});
/** Without max_results MLflow returns the whole history; pages of this size keep each response bounded. */
const DEFAULT_PAGE = 25_000;

@ApiTags('mlflow runs')
@MlflowApi()
@Controller('api/2.0/mlflow/metrics')
export class MetricHistoryHttpController {
  constructor(
    private readonly db: DataSource,
    private readonly runs: RunStore,
    private readonly data: RunDataStore,
  ) {}

  /** Every point of one metric in logging order, keyset-paged on the append sequence. */
  @Get('get-history')
  async history(@Query() query: unknown) {
    const runId = runIdOf(query);
    const req = parseRequest(historyRequest, query);
    const limit = req.max_results ?? DEFAULT_PAGE;
    if (limit < 1 || limit > DEFAULT_PAGE)
      throw MlflowError.invalid(`max_results must be between 1 and ${DEFAULT_PAGE}.`);
    const after =
      req.page_token === undefined ? 0 : Number(Buffer.from(req.page_token, 'base64url').toString());
    if (!Number.isSafeInteger(after) || after < 0)
      throw MlflowError.invalid(`Invalid page token '${req.page_token}'.`);
    await this.runs.info(this.db.manager, runId);
    const rows = await this.data.history(this.db.manager, runId, req.metric_key, after, limit + 1);
    const page = rows.slice(0, limit);
    return {
      metrics: page.map((m) => ({
        key: m.key,
        value: jsonDouble(m.value),
        timestamp: m.timestamp,
        step: m.step,
      })),
      ...(rows.length > limit
        ? { next_page_token: Buffer.from(page[page.length - 1].seq).toString('base64url') }
        : {}),
    };
  }
}
