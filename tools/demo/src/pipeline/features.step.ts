import { join } from 'node:path';
import { provRef, subject } from '@provenant/contracts';
import { pollUntil, readFeatureRepo } from '@provenant/sdk';
import { FEATURES, type HourlyRow } from '../model/couriers';
import { VIEW, SERVICE, type PipelineContext } from './context';

/** The materializer's commit horizon (run-materialization.usecase.ts). */
const COMMIT_HORIZON_MS = 5_000;

export const FEATURE_REPO = join(__dirname, '../../../../examples/demo/feature-repo');
const BATCH_ROWS = 1000;

/** Applies the feature repository (entity, view, service); a re-run changes nothing. */
export async function defineFeatures(ctx: PipelineContext): Promise<string> {
  const plan = await ctx.pipeline.features.apply(await readFeatureRepo(FEATURE_REPO));
  const v =
    plan.changes.find((c) => c.name === VIEW)?.toVersion ??
    plan.unchanged.find((c) => c.name === VIEW)?.version;
  await pollUntil(
    `feature-ingest and the materializer to learn ${VIEW} v${v}`,
    () => ctx.pipeline.features.viewKnown(VIEW, v),
    { intervalMs: 200 },
  );
  const changed = plan.changes.map((c) => `${c.kind} ${c.name} v${c.toVersion} (${c.change})`);
  return changed.length
    ? changed.join(', ')
    : `unchanged: ${plan.unchanged.map((u) => `${u.name} v${u.version}`).join(', ')}`;
}

/** All but the newest hour, backfilled over HTTP as BULK batches (idempotent by batch id). */
export async function backfill(
  ctx: PipelineContext,
): Promise<{ rows: number; batches: number; duplicate: number }> {
  const newest = ctx.world.hours.at(-1)!;
  const rows = ctx.world.rows.filter((r) => r.event_ts < newest);
  let duplicate = 0;
  let batches = 0;
  for (let i = 0; i < rows.length; i += BATCH_ROWS, batches++) {
    const answer = await ctx.pipeline.features.push({
      featureView: VIEW,
      batchId: `${ctx.tag}-backfill-${batches}`,
      source: 'BULK',
      sourceUri: 'generated/courier_hourly.csv',
      policy: 'REJECT_ALL',
      rows: rows.slice(i, i + BATCH_ROWS) as unknown as Record<string, unknown>[],
    });
    if (answer.status === 'DUPLICATE') duplicate++;
  }
  return { rows: rows.length, batches, duplicate };
}

/** The newest hour, published straight to Kafka as a FeatureRowBatch, as a streaming job would. */
export async function stream(ctx: PipelineContext): Promise<{ rows: number; batchId: string }> {
  const newest = ctx.world.hours.at(-1)!;
  const rows = ctx.world.rows.filter((r) => r.event_ts === newest);
  const batchId = `${ctx.tag}-stream`;
  await ctx.emitter.emit(
    'FeatureRowBatch',
    {
      batchId,
      featureView: VIEW,
      featureViewVersion: null,
      rows: rows.map((r) => ({
        entityKey: { courier_id: r.courier_id },
        eventTs: r.event_ts,
        features: {
          conv_rate: { double: r.conv_rate },
          acc_rate: { double: r.acc_rate },
          avg_daily_trips: { long: r.avg_daily_trips },
        },
      })),
    },
    { subject: subject('feature_view', VIEW), generated: [provRef.batch(batchId)] },
  );
  return { rows: rows.length, batchId };
}

/** Waits until the online store serves the streamed hour for every courier (streaming materialization). */
export async function untilOnline(ctx: PipelineContext, timeoutMs = 30_000): Promise<number> {
  const newest = ctx.world.hours.at(-1)!;
  const t0 = Date.now();
  let statuses: string[] = [];
  await pollUntil(
    () => `the streamed hour online for every courier (statuses: ${statuses.slice(0, 3).join(', ')}…)`,
    async () => {
      const res = await ctx.pipeline.features.online({
        feature_service: SERVICE,
        entities: { courier_id: ctx.world.couriers },
      });
      statuses = res.results[1].statuses;
      return res.results[1].event_timestamps.every((t) => Date.parse(t) * 1000 >= newest);
    },
    { timeoutMs, intervalMs: 200 },
  );
  return Date.now() - t0;
}

/**
 * Incremental batch materialization of the backfill (rows already online are skipped as stale).
 * A run reads only rows committed at least 5 s before it starts (a slower ingest transaction could
 * still commit below them), so given the last write's time it waits until that is 5 s old; sooner,
 * it would read nothing (streaming has already put those rows online either way).
 */
export async function materialize(ctx: PipelineContext, lastWriteAt?: number) {
  const wait = lastWriteAt === undefined ? 0 : lastWriteAt + COMMIT_HORIZON_MS + 500 - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  const runs = await ctx.pipeline.features.materialize({ views: [VIEW] });
  const failed = runs.filter((r) => r.status !== 'SUCCEEDED');
  if (failed.length)
    throw new Error(`materialization ${failed[0].materializationId} ${failed[0].status}: ${failed[0].error}`);
  return runs;
}

export const featureVector = (r: Pick<HourlyRow, (typeof FEATURES)[number]>) =>
  FEATURES.map((f) => Number(r[f]));
