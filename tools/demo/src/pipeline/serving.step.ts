import { createHash, randomUUID } from 'node:crypto';
import { provRef, subject } from '@provenant/contracts';
import { featureColumn, type RunInfo } from '@provenant/sdk';
import { FEATURES } from '../model/couriers';
import { predict, type LogisticModel } from '../model/logistic';
import { SERVICE, type PipelineContext } from './context';

export interface Prediction {
  predictionId: string;
  eventId: string;
  requestId: string;
  courierId: number;
  score: number;
  statuses: string[];
}

const sha256 = (b: string | Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

/** Loads the version the `production` alias points at, checking the artifact against its registered digest. */
export async function loadProductionModel(ctx: PipelineContext, run: RunInfo) {
  const version = await ctx.pipeline.registry.modelByAlias(ctx.model, 'production');
  const bytes = await ctx.pipeline.tracker.downloadArtifact(run, 'model/model.json');
  if (sha256(bytes) !== version.artifact_digest)
    throw new Error(
      `the production artifact ${sha256(bytes)} is not the registered ${version.artifact_digest}`,
    );
  return { version: Number(version.version), model: JSON.parse(bytes.toString('utf8')) as LogisticModel };
}

/**
 * One prediction per courier as a serving system would make it: online features (one Redis
 * round trip per request), the model, and a PredictionMade event citing the feature request.
 */
export async function servePredictions(
  ctx: PipelineContext,
  serving: { version: number; model: LogisticModel },
  couriers: number[],
): Promise<Prediction[]> {
  const out: Prediction[] = [];
  for (const courierId of couriers) {
    const t0 = process.hrtime.bigint();
    const res = await ctx.pipeline.features.online({
      feature_service: SERVICE,
      entities: { courier_id: [courierId] },
    });
    const column = (f: string) => res.results[featureColumn(res.metadata.feature_names, f)];
    const statuses = FEATURES.map((f) => column(f).statuses[0]);
    if (statuses.some((s) => s !== 'PRESENT'))
      throw new Error(`courier ${courierId}: online features ${statuses.join(', ')}`);
    const x = FEATURES.map((f) => Number(column(f).values[0]));
    const score = predict(serving.model, x);
    const predictionId = randomUUID();
    const requestId = res.metadata.request_id;
    const event = await ctx.emitter.emit(
      'PredictionMade',
      {
        predictionId,
        requestId,
        modelName: ctx.model,
        modelVersion: serving.version,
        alias: 'production',
        entityKey: { courier_id: courierId },
        outputs: { score: { double: score }, accept: { boolean: score >= 0.5 } },
        inputDigest: sha256(JSON.stringify(x)),
        latencyMicros: Number((process.hrtime.bigint() - t0) / 1000n),
      },
      {
        subject: subject('prediction', predictionId),
        used: [
          provRef.modelVersion(ctx.model, serving.version, undefined, 'model'),
          provRef.request(requestId, 'features'),
        ],
        generated: [provRef.prediction(predictionId)],
      },
    );
    out.push({ predictionId, eventId: event.meta.eventId, requestId, courierId, score, statuses });
  }
  return out;
}
