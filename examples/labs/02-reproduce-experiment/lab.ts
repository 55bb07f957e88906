import { buildTrainingSet, trainTracked, VIEW, type PipelineContext } from '@provenant/demo';

export interface Lab2Result {
  original: { trainingSet: string; artifact: string; runId: string };
  rebuiltAsOf: { trainingSet: string; artifact: string; runId: string };
  /** The same request without `asOf` after the late row: what a naive re-run would train on. */
  rebuiltLatest: { trainingSet: string; differingValues: number };
  verdict: string;
}

/**
 * Lab 2: reproduce an experiment from versioned data and model inputs. A late row lands after
 * the original training; rebuilding the training set `asOf` the original's time gives the same
 * bytes, retraining with the same params gives the same artifact digest, and env-verifier
 * confirms the re-run REPRODUCED the original.
 */
export async function runLab2(ctx: PipelineContext): Promise<Lab2Result> {
  const offsetMicros = 50 * 60_000_000; // offers at :50
  const asOf = Date.now() * 1000;
  const data = await buildTrainingSet(ctx, { offsetMicros, asOf, name: 'lab2_training' });
  const original = await trainTracked(ctx, data, 'lab2-original');

  // A late row: courier 1001 at hour 5 + 45 min, in force for the :50 offer of that hour.
  const late = ctx.world.rows.find((r) => r.courier_id === 1001 && r.event_ts === ctx.world.hours[5])!;
  await ctx.pipeline.features.push({
    featureView: VIEW,
    batchId: `${ctx.tag}-lab2-late`,
    rows: [{ ...late, event_ts: late.event_ts + 45 * 60_000_000, conv_rate: 0.999 }],
  });

  const latest = await buildTrainingSet(ctx, { offsetMicros, name: 'lab2_training' });
  const again = await buildTrainingSet(ctx, { offsetMicros, asOf, name: 'lab2_training' });
  const rerun = await trainTracked(ctx, again, 'lab2-reproduction');
  const check = await ctx.pipeline.env.checkReproducibility(original.description, rerun.description);
  return {
    original: {
      trainingSet: data.trainingSet.digest,
      artifact: original.result.artifactDigest,
      runId: original.run.run_id,
    },
    rebuiltAsOf: {
      trainingSet: again.trainingSet.digest,
      artifact: rerun.result.artifactDigest,
      runId: rerun.run.run_id,
    },
    rebuiltLatest: { trainingSet: latest.trainingSet.digest, differingValues: latest.pitMismatches },
    verdict: check.verdict,
  };
}
