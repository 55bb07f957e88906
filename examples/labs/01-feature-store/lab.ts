import {
  backfill,
  defineFeatures,
  HOUR_MICROS,
  materialize,
  SERVICE,
  stream,
  untilOnline,
  VIEW,
  type PipelineContext,
} from '@provenant/demo';
import { featureValue, pollUntil } from '@provenant/sdk';

export interface Lab1Result {
  /** The value a point-in-time join returned for an offer at `at`, and the two candidates around it. */
  pit: { at: number; joined: number; inForce: number; nextHour: number };
  /** A courier last seen 5 h ago: its online key expired at event_ts + ttl (2 h), so not served. */
  staleStatus: string;
  /** Its value joined for offers 1 h and 3 h after it: inside the TTL, then outside (null). */
  ttlJoin: (number | null)[];
  /** The same courier after a late row (older than the view's watermark, newer than its online value). */
  afterLate: { status: string; value: number };
  /** A late row older than a courier's online value must not move it backwards. */
  active: { before: number; after: number };
}

/**
 * Lab 1: a time-aware feature store on PostgreSQL (offline) and Redis (online):
 * point-in-time joins, TTL, and late data that is re-materialized only when newer.
 */
export async function runLab1(ctx: PipelineContext): Promise<Lab1Result> {
  await defineFeatures(ctx);
  await backfill(ctx);
  await stream(ctx);
  await untilOnline(ctx);
  await materialize(ctx);
  const { world } = ctx;
  const online = async (courier: number) => {
    const res = await ctx.pipeline.features.online({
      feature_service: SERVICE,
      entities: { courier_id: [courier] },
    });
    return { status: res.results[1].statuses[0], value: Number(res.results[1].values[0]) };
  };
  const untilPresent = (courier: number, what: string) =>
    pollUntil(
      what,
      async () => {
        const answer = await online(courier);
        return answer.status === 'PRESENT' ? answer : null;
      },
      { timeoutMs: 20_000, intervalMs: 200 },
    );

  // Point in time: an offer 59 min 59 s into hour 5 sees hour 5's value, never hour 6's.
  const at = world.hours[5] + HOUR_MICROS - 1_000_000;
  const ts = await ctx.pipeline.features.trainingSet({
    name: 'lab1_pit',
    features: [`${VIEW}:conv_rate`],
    format: 'json',
    entityRows: [{ courier_id: 1001, event_timestamp: at }],
  });
  const joined = Number(featureValue(JSON.parse(ts.bytes.toString())[0], 'conv_rate'));
  const rowOf = (h: number) =>
    world.rows.find((r) => r.courier_id === 1001 && r.event_ts === world.hours[h])!;
  const pit = { at, joined, inForce: rowOf(5).conv_rate, nextHour: rowOf(6).conv_rate };

  // TTL: courier 9001 reported only five hours ago.
  const last = world.hours.at(-1)!;
  const row = (ts: number, conv: number) => ({
    courier_id: 9001,
    event_ts: ts,
    conv_rate: conv,
    acc_rate: 0.9,
    avg_daily_trips: 10,
  });
  await ctx.pipeline.features.push({
    featureView: VIEW,
    batchId: `${ctx.tag}-lab1-old`,
    rows: [row(last - 5 * HOUR_MICROS, 0.11)],
  });
  await materialize(ctx);
  const staleStatus = (await online(9001)).status;
  const old = last - 5 * HOUR_MICROS;
  const ttlSet = await ctx.pipeline.features.trainingSet({
    name: 'lab1_ttl',
    features: [`${VIEW}:conv_rate`],
    format: 'json',
    entityRows: [1, 3].map((h) => ({ courier_id: 9001, event_timestamp: old + h * HOUR_MICROS })),
  });
  const ttlJoin = (JSON.parse(ttlSet.bytes.toString()) as Record<string, unknown>[]).map((r) => {
    const v = featureValue(r, 'conv_rate');
    return v === null ? null : Number(v);
  });

  // Courier 9003 is current (a value at the newest hour); 9001 is still five hours old.
  await ctx.pipeline.features.push({
    featureView: VIEW,
    batchId: `${ctx.tag}-lab1-fresh`,
    rows: [{ ...row(last, 0.7), courier_id: 9003 }],
  });
  // Streaming materialization serves it moments later. (A batch run right now would not: it only
  // takes rows committed more than 5 s ago, so that no ingest still in flight is skipped.)
  const before9003 = await untilPresent(9003, 'the fresh value of courier 9003 online');
  // Late data, both older than the view's watermark: 9001's is newer than its online value,
  // 9003's is older than its online value.
  await ctx.pipeline.features.push({
    featureView: VIEW,
    batchId: `${ctx.tag}-lab1-late`,
    rows: [row(last - 10 * 60_000_000, 0.42), { ...row(last - 30 * 60_000_000, 0.01), courier_id: 9003 }],
  });
  const afterLate = await untilPresent(9001, 'the late value of courier 9001 online');
  // 9003's late row came in the same batch as 9001's, so it has been through the same write.
  const active = { before: before9003.value, after: (await online(9003)).value };
  return { pit, staleStatus, ttlJoin, afterLate, active };
}
