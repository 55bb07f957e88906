import { z } from 'zod';
import { double, id, int64, keyValue } from '@provenant/platform';

/** MLflow's per-request limits for log-batch (mlflow/utils/validation.py). */
export const BATCH_LIMITS = {
  metrics: 1000,
  params: 100,
  tags: 100,
  entities: 1000,
  bytes: 1_000_000,
} as const;

export const metricInput = z.object({
  key: z.string(),
  // A bool is not a metric value (MLflow rejects it), which z.union of number/string already does.
  value: double,
  timestamp: int64.pipe(z.number().min(0)),
  step: int64.optional().default(0),
});

export const logBatchRequest = z.object({
  run_id: id.optional(),
  run_uuid: id.optional(),
  metrics: z.array(metricInput).optional().default([]),
  params: z.array(keyValue).optional().default([]),
  tags: z.array(keyValue).optional().default([]),
});

export type LogBatchRequest = z.infer<typeof logBatchRequest>;
