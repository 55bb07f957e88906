import { trace } from '@opentelemetry/api';
import type { VerifiedInclusion } from '@provenant/sdk';
import { step } from '../runner';
import { predictionLineage, proveInLedger, writeReports } from './audit.step';
import { detail } from '../runner';
import { createPipelineContext, type PipelineContext } from './context';
import { backfill, defineFeatures, materialize, stream, untilOnline } from './features.step';
import {
  promote,
  publishCard,
  registerModel,
  setPolicy,
  untilRegistryKnowsRun,
  verifyEnvironment,
} from './governance.step';
import { loadProductionModel, servePredictions, type Prediction } from './serving.step';
import { buildTrainingSet, trainTracked } from './training.step';

export interface PipelineOutcome {
  traceId: string;
  model: string;
  version: string;
  runId: string;
  predictions: Prediction[];
  proof: VerifiedInclusion;
  lineage: string;
  reports: string[];
  ctx: PipelineContext;
}

const short = (d: string | null | undefined) => (d ? d.replace(/^sha256:/, '').slice(0, 12) : '-');

/** The example pipeline: every step a call a real pipeline would make, through the SDK. */
export async function runPipeline(o: {
  brokers: string[];
  outDir: string;
  topicPrefix?: string;
}): Promise<PipelineOutcome> {
  const traceId = trace.getActiveSpan()?.spanContext().traceId ?? '';
  const ctx = await createPipelineContext(o);
  const emitter = ctx.emitter;
  try {
    await step(
      '1 define features',
      () => defineFeatures(ctx),
      (s) => s,
    );
    await step(
      '2 backfill 23 hours',
      () => backfill(ctx),
      (b) =>
        `${b.rows} rows in ${b.batches} BULK batches${b.duplicate ? ` (${b.duplicate} already ingested: nothing written twice)` : ''}`,
    );
    await step(
      '3 stream the current hour',
      async () => ({ ...(await stream(ctx)), ms: await untilOnline(ctx) }),
      (s) => `${s.rows} rows on Kafka, online ${s.ms} ms later`,
    );
    const lastWriteAt = Date.now(); // the streamed hour is online, so every ingest has committed
    await step(
      '4 materialize',
      () => materialize(ctx, lastWriteAt),
      (runs) =>
        runs
          .map(
            (r) =>
              `${r.featureView}: ${r.rowsRead} read, ${r.rowsWritten} written, ${r.rowsSkippedStale} stale skipped`,
          )
          .join('; '),
    );
    const data = await step(
      '5 point-in-time training set',
      () => buildTrainingSet(ctx),
      (d) => {
        if (d.pitMismatches)
          throw new Error(`${d.pitMismatches} rows joined a value not in force at their time`);
        return `${d.trainingSet.rows} rows, ${d.trainingSet.featureViews.join(', ')}, digest ${short(d.trainingSet.digest)}, every value checked point-in-time`;
      },
    );
    const tracked = await step(
      '6 train (tracked run)',
      () => trainTracked(ctx, data),
      (t) =>
        `run ${t.run.run_id.slice(0, 8)}: auc ${t.result.metrics.auc}, accuracy ${t.result.metrics.accuracy}, model ${short(t.result.artifactDigest)}, env ${short(t.environment.fingerprint)}`,
    );
    const version = await step(
      '7 register + model card',
      async () => {
        await untilRegistryKnowsRun(ctx, tracked.run.run_id);
        const v = await registerModel(
          ctx,
          tracked.run.run_id,
          tracked.run.artifact_uri,
          tracked.result.artifactDigest,
        );
        await publishCard(ctx, v);
        return v;
      },
      (v) => `${v.name} v${v.version} from run ${v.run_id.slice(0, 8)}, card published`,
    );
    await step(
      '8 verify the environment',
      () => verifyEnvironment(ctx, tracked.environment),
      (v) => `${v.verdict} against production (${v.differences.length} differences)`,
    );
    const promotion = await step(
      '9 governed promotion',
      async () => {
        await setPolicy(ctx);
        return promote(ctx, version.version);
      },
      (p) =>
        `staging ${p.staging.decision}; production ${p.requested.decision} → ${p.approved.decision} by ${p.approved.approvals.map((a) => a.principal).join(', ')} (${p.approved.gates.length} gates)`,
    );
    void promotion;
    const predictions = await step(
      '10 serve predictions',
      async () =>
        servePredictions(ctx, await loadProductionModel(ctx, tracked.run), ctx.world.couriers.slice(0, 5)),
      (ps) =>
        `${ps.length} PredictionMade events (courier ${ps[0].courierId}: score ${ps[0].score.toFixed(3)})`,
    );
    const proof = await step(
      '11 prove the prediction is in the ledger',
      () => proveInLedger(ctx, predictions[0].eventId),
      (p) =>
        `leaf ${p.leafIndex} of a signed tree of ${p.checkpoint.treeSize}, inclusion proof verified with the public key`,
    );
    const lineage = await step(
      '12 source-to-prediction lineage',
      () => predictionLineage(ctx, predictions[0].predictionId),
      (t) => `${t.split('\n').filter((l) => l.trim()).length} lines, every node with its ledger leaf`,
    );
    detail(lineage.trimEnd().split('\n'));
    const { files: reports } = await step(
      '13 reproducibility report',
      () => writeReports(ctx, ctx.model, version.version),
      ({ files }) =>
        `${files.map((f) => f.split('/').pop()).join(', ')} (every claim's inclusion proof verified)`,
    );
    return {
      traceId,
      model: ctx.model,
      version: version.version,
      runId: tracked.run.run_id,
      predictions,
      proof,
      lineage,
      reports,
      ctx,
    };
  } finally {
    await emitter.disconnect();
  }
}
