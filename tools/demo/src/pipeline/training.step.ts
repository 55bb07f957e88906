import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import canonicalize from 'canonicalize';
import { featureValue, trackRun, type TrackedRun, type TrainingSet } from '@provenant/sdk';
import { accepted, FEATURES, HOUR_MICROS, rowAt } from '../model/couriers';
import { evaluate, train, type LogisticModel } from '../model/logistic';
import { EXPERIMENT, SERVICE, type PipelineContext } from './context';

export const HYPERPARAMS = { epochs: 400, learningRate: 0.5, l2: 0.001 };

export interface LabelledSet {
  trainingSet: TrainingSet;
  x: number[][];
  y: number[];
  couriers: number[];
  /** Rows whose joined features differ from the values in force at their time (must be 0). */
  pitMismatches: number;
}

/**
 * Entity rows are offers made half past each hour; the feature store joins the values in force
 * at that instant. Each joined row is checked against the synthetic world's truth, so a
 * point-in-time leak (a value from the future) fails the demo. `asOf` (µs) ignores values the
 * store learned later: the same request then rebuilds the same bytes.
 */
export async function buildTrainingSet(
  ctx: PipelineContext,
  o: { offsetMicros?: number; asOf?: number; name?: string } = {},
): Promise<LabelledSet> {
  const { world, seed } = ctx;
  const times = world.hours.slice(1, -1).map((h) => h + (o.offsetMicros ?? HOUR_MICROS / 2));
  const entityRows = world.couriers.flatMap((id) =>
    times.map((t) => ({
      courier_id: id,
      event_timestamp: t,
      label: accepted(rowAt(world, id, t)!, seed, t),
    })),
  );
  const trainingSet = await ctx.pipeline.features.trainingSet({
    name: o.name ?? 'courier_acceptance_training',
    featureService: SERVICE,
    format: 'json',
    asOf: o.asOf,
    entityRows,
  });
  await writeFile(join(ctx.outDir, 'training-set.json'), trainingSet.bytes);
  const rows = JSON.parse(trainingSet.bytes.toString('utf8')) as Record<string, unknown>[];
  let pitMismatches = 0;
  const x: number[][] = [];
  const y: number[] = [];
  const couriers: number[] = [];
  for (const [i, r] of rows.entries()) {
    const truth = rowAt(world, entityRows[i].courier_id, entityRows[i].event_timestamp)!;
    const v = FEATURES.map((f) => Number(featureValue(r, f)));
    if (v.some((vi, j) => Math.abs(vi - Number(truth[FEATURES[j]])) > 1e-9)) pitMismatches++;
    x.push(v);
    y.push(Number(r.label));
    couriers.push(entityRows[i].courier_id);
  }
  return { trainingSet, x, y, couriers, pitMismatches };
}

/** Trains inside a tracked run: code, environment, params, the training set as input, metrics, artifact. */
export async function trainTracked(
  ctx: PipelineContext,
  data: LabelledSet,
  runName = 'demo',
  hyperparams: typeof HYPERPARAMS = HYPERPARAMS,
): Promise<TrackedRun<{ model: LogisticModel; artifactDigest: string; metrics: Record<string, number> }>> {
  return trackRun(
    ctx.pipeline,
    {
      experiment: EXPERIMENT,
      runName,
      params: { ...hyperparams, model: 'logistic-regression', features: FEATURES.join(','), seed: ctx.seed },
      inputs: [
        {
          name: 'courier_acceptance_training',
          digest: data.trainingSet.digest,
          source_type: 'provenant-training-set',
          source: JSON.stringify({
            trainingSetId: data.trainingSet.id,
            featureViews: data.trainingSet.featureViews,
          }),
          context: 'training',
        },
      ],
      label: process.env.PROVENANT_ENV_LABEL ?? 'dev',
    },
    async (run) => {
      // Holdout: every fifth courier, so no courier is in both sets.
      const test = data.couriers.map((c) => c % 5 === 0);
      const pick = <T>(a: T[], t: boolean) => a.filter((_, i) => test[i] === t);
      const model = train(pick(data.x, false), pick(data.y, false), [...FEATURES], hyperparams);
      const metrics = evaluate(model, pick(data.x, true), pick(data.y, true));
      await run.logMetrics(metrics);
      const bytes = Buffer.from(canonicalize(model)!, 'utf8');
      const artifactDigest = await run.logArtifact('model/model.json', bytes);
      await writeFile(join(ctx.outDir, 'model.json'), bytes);
      return { model, artifactDigest, metrics };
    },
  );
}
