import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  buildTrainingSet,
  EXPERIMENT,
  HYPERPARAMS,
  trainTracked,
  type PipelineContext,
} from '@provenant/demo';
import { serviceUrl } from '@provenant/sdk';
import { ensurePythonVenv, MLFLOW_VERSION } from '@provenant/testing';


export interface Lab3Result {
  runs: { sdkShort: string; sdkLong: string; mlflow: string };
  /** Runs of the experiment with epochs = 400, found with MLflow's filter language. */
  found: string[];
  /** DVC's `params diff --json` / `metrics diff --json` shapes, old = SDK run, new = MLflow run. */
  comparison: {
    params: { params: Record<string, { old: string | null; new: string | null }> };
    metrics: { metrics: Record<string, { old: number | null; new: number | null; diff: number | null }> };
  };
}

/**
 * Lab 3: track and compare runs of one experiment: two from the TypeScript SDK (different
 * epochs) and one from the official MLflow Python client, pointed at the tracker unchanged.
 */
export async function runLab3(ctx: PipelineContext): Promise<Lab3Result> {
  const data = await buildTrainingSet(ctx, { name: 'lab3_training' });
  const short = await trainTracked(ctx, data, 'sdk-epochs-50', { ...HYPERPARAMS, epochs: 50 });
  const long = await trainTracked(ctx, data, 'sdk-epochs-400');

  const python = await ensurePythonVenv('mlflow', MLFLOW_VERSION);
  const { stdout } = await promisify(execFile)(python, [join(__dirname, 'train_mlflow.py')], {
    env: {
      ...process.env,
      MLFLOW_TRACKING_URI: serviceUrl('tracker'),
      MLFLOW_TRACKING_TOKEN: 'dev-pipeline-token',
      TRAINING_SET: join(ctx.outDir, 'training-set.json'),
      EXPERIMENT_NAME: EXPERIMENT,
    },
  });
  const mlflowRun = /^RUN_ID=(\w+)$/m.exec(stdout)?.[1];
  if (!mlflowRun) throw new Error(`train_mlflow.py printed no run id:\n${stdout}`);

  const experimentId = await ctx.pipeline.tracker.ensureExperiment(EXPERIMENT);
  const search = await ctx.pipeline.tracker.searchRuns(
    [experimentId],
    "params.epochs = '400' AND attributes.status = 'FINISHED'",
    ['attributes.start_time DESC'],
    1000,
  );
  const comparison = (await ctx.pipeline.tracker.compare([
    long.run.run_id,
    mlflowRun,
  ])) as Lab3Result['comparison'];
  return {
    runs: { sdkShort: short.run.run_id, sdkLong: long.run.run_id, mlflow: mlflowRun },
    found: (search.runs ?? []).map((r) => r.info.run_id),
    comparison,
  };
}
