import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { id, int64, keyValue, parseRequest, type Principal } from '@provenant/platform';
import { logBatchRequest, metricInput } from '../run-data/log-batch.command';
import { LogBatchUseCase, type LogBatchCommand } from '../run-data/log-batch.usecase';
import { CreateRunUseCase } from './create-run.usecase';
import { toMlflowRun } from './run.view';

const createRequest = z.object({
  experiment_id: id.optional().default('0'),
  run_name: z.string().optional(),
  start_time: int64.optional(),
  user_id: z.string().optional(),
  tags: z.array(keyValue).optional().default([]),
});

/** `run_uuid` is MLflow's deprecated alias of `run_id`; old clients still send only it. */
const runRef = z
  .object({ run_id: id.optional(), run_uuid: id.optional() })
  .passthrough()
  .transform((r, ctx) => {
    const runId = r.run_id ?? r.run_uuid;
    if (!runId)
      ctx.addIssue({
        code: z.ZodIssueCode.invalid_type,
        expected: 'string',
        received: 'undefined',
        path: ['run_id'],
      });
    return { ...r, run_id: runId ?? '' };
  });

export function runIdOf(input: unknown): string {
  return parseRequest(runRef, input).run_id;
}

/**
 * The MLflow requests a training loop sends most (runs/create and the logging calls), from body to
 * answer. The Nest controllers and the fast routes (`TrackerFastRoutes`) both answer through
 * these, so the two paths cannot drift apart. log-metric, log-parameter and set-tag are
 * one-element log-batches.
 */
@Injectable()
export class RunRequests {
  constructor(
    private readonly createRun: CreateRunUseCase,
    private readonly logBatch: LogBatchUseCase,
  ) {}

  async create(body: unknown, principal: Principal) {
    const req = parseRequest(createRequest, body);
    const run = await this.createRun.execute({
      experimentId: req.experiment_id,
      runName: req.run_name,
      startTime: req.start_time,
      userId: req.user_id,
      tags: req.tags,
      principal,
    });
    return { run: toMlflowRun(run) };
  }

  /** `bodyBytes`: the request's size, for MLflow's 1 MB limit on a batch. */
  async batch(body: unknown, bodyBytes: number, principal: Principal) {
    const runId = runIdOf(body);
    const b = parseRequest(logBatchRequest, body);
    await this.logBatch.execute({
      runId,
      metrics: b.metrics,
      params: b.params,
      tags: b.tags,
      bodyBytes,
      principal,
    });
    return {};
  }

  async metric(body: unknown, principal: Principal) {
    const runId = runIdOf(body);
    return this.one(runId, principal, { metrics: [parseRequest(metricInput, body)] });
  }

  async param(body: unknown, principal: Principal) {
    const runId = runIdOf(body);
    return this.one(runId, principal, { params: [parseRequest(keyValue, body)] });
  }

  async setTag(body: unknown, principal: Principal) {
    const runId = runIdOf(body);
    return this.one(runId, principal, { tags: [parseRequest(keyValue, body)] });
  }

  private async one(runId: string, principal: Principal, data: Partial<Omit<LogBatchCommand, 'runId'>>) {
    await this.logBatch.execute({
      runId,
      metrics: [],
      params: [],
      tags: [],
      bodyBytes: 0,
      principal,
      ...data,
    });
    return {};
  }
}
