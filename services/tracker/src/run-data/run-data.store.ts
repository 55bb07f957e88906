import { Injectable } from '@nestjs/common';
import { TrackerTables, type Sql } from '../persistence/tracker-tables';
import type { DatasetInputRow, MetricValue } from '../runs/run.model';
import { type KeyValueInput, MlflowError } from '@provenant/platform';

/** Writes of params, metrics, tags and inputs; each statement takes whole arrays (`unnest`). */
@Injectable()
export class RunDataStore {
  constructor(private readonly t: TrackerTables) {}

  /**
   * Params are write-once: the same value again is a no-op, a different one fails the request
   * (MLflow's param immutability). The upsert only "updates" rows whose value is unchanged, so
   * any key it does not return conflicts; checked in the same statement, so no race slips through.
   */
  async logParams(sql: Sql, runId: string, params: KeyValueInput[]): Promise<void> {
    if (params.length === 0) return;
    const keys = params.map((p) => p.key);
    const written: { key: string }[] = await sql.query(
      `INSERT INTO ${this.t.params} AS p (run_id, key, value) SELECT $1, k, v FROM unnest($2::text[], $3::text[]) AS x(k, v)
       ON CONFLICT (run_id, key) DO UPDATE SET value = EXCLUDED.value WHERE p.value = EXCLUDED.value RETURNING key`,
      [runId, keys, params.map((p) => p.value)],
    );
    if (written.length === params.length) return;
    const ok = new Set(written.map((w) => w.key));
    const bad = params.find((p) => !ok.has(p.key))!;
    const [old] = await sql.query(`SELECT value FROM ${this.t.params} WHERE run_id = $1 AND key = $2`, [
      runId,
      bad.key,
    ]);
    throw MlflowError.invalid(
      `Changing param values is not allowed. Param with key='${bad.key}' was already logged with value='${old?.value}' ` +
        `for run ID='${runId}'. Attempted logging new value '${bad.value}'.`,
    );
  }

  /**
   * Appends history and moves each key's latest value forward by (step, timestamp, value), as
   * MLflow's SQL store, in one statement (one round trip: on this 2-vCPU VM each one costs the
   * tracker more CPU than the statement costs PostgreSQL).
   */
  async logMetrics(sql: Sql, runId: string, metrics: MetricValue[]): Promise<void> {
    if (metrics.length === 0) return;
    const latest = new Map<string, MetricValue>();
    for (const m of metrics) {
      const cur = latest.get(m.key);
      if (!cur || compare(m, cur) > 0) latest.set(m.key, m);
    }
    // Sorted keys: concurrent batches on one run lock latest_metrics rows in the same order, no deadlock.
    const rows = [...latest.values()].sort((a, b) => (a.key < b.key ? -1 : 1));
    await sql.query(
      `WITH history AS (
         INSERT INTO ${this.t.metrics} (run_id, key, value, timestamp, step)
         SELECT $1, k, v, ts, st FROM unnest($2::text[], $3::float8[], $4::bigint[], $5::bigint[]) AS x(k, v, ts, st))
       INSERT INTO ${this.t.latestMetrics} AS l (run_id, key, value, timestamp, step)
       SELECT $1, k, v, ts, st FROM unnest($6::text[], $7::float8[], $8::bigint[], $9::bigint[]) AS x(k, v, ts, st)
       ON CONFLICT (run_id, key) DO UPDATE SET value = EXCLUDED.value, timestamp = EXCLUDED.timestamp, step = EXCLUDED.step
       WHERE (EXCLUDED.step, EXCLUDED.timestamp, EXCLUDED.value) > (l.step, l.timestamp, l.value)`,
      [runId, ...columns(metrics), ...columns(rows)],
    );
  }

  async setTags(sql: Sql, runId: string, tags: KeyValueInput[]): Promise<void> {
    if (tags.length === 0) return;
    await sql.query(
      `INSERT INTO ${this.t.tags} (run_id, key, value) SELECT $1, k, v FROM unnest($2::text[], $3::text[]) AS x(k, v)
       ON CONFLICT (run_id, key) DO UPDATE SET value = EXCLUDED.value`,
      [runId, tags.map((t) => t.key), tags.map((t) => t.value)],
    );
  }

  async deleteTag(sql: Sql, runId: string, key: string): Promise<boolean> {
    const [, count] = await sql.query(`DELETE FROM ${this.t.tags} WHERE run_id = $1 AND key = $2`, [
      runId,
      key,
    ]);
    return count > 0;
  }

  /** The same dataset (name, digest) logged again updates its tags rather than duplicating it. */
  async logInputs(sql: Sql, runId: string, inputs: DatasetInputRow[]): Promise<void> {
    if (inputs.length === 0) return;
    const col = <K extends keyof DatasetInputRow>(k: K) => inputs.map((i) => i[k]);
    await sql.query(
      `INSERT INTO ${this.t.runInputs} (run_id, name, digest, source_type, source, schema, profile, context, tags)
       SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::jsonb[])
       ON CONFLICT (run_id, name, digest) DO UPDATE SET tags = EXCLUDED.tags, context = EXCLUDED.context`,
      [
        runId,
        col('name'),
        col('digest'),
        col('sourceType'),
        col('source'),
        col('schema'),
        col('profile'),
        col('context'),
        inputs.map((i) => JSON.stringify(i.tags)),
      ],
    );
  }

  /** Metric history in logging order; `afterSeq` is the keyset cursor of the previous page. */
  async history(
    sql: Sql,
    runId: string,
    key: string,
    afterSeq: number,
    limit: number,
  ): Promise<(MetricValue & { seq: string })[]> {
    return sql.query(
      `SELECT key, value, timestamp::float8 AS timestamp, step::float8 AS step, seq::text AS seq FROM ${this.t.metrics} m
       WHERE m.run_id = $1 AND m.key = $2 AND m.seq > $3 ORDER BY m.seq LIMIT $4`,
      [runId, key, afterSeq, limit],
    );
  }
}

function columns(ms: MetricValue[]) {
  return [
    ms.map((m) => m.key),
    ms.map((m) => (Number.isNaN(m.value) ? 'NaN' : String(m.value))),
    ms.map((m) => m.timestamp),
    ms.map((m) => m.step),
  ];
}

function compare(a: MetricValue, b: MetricValue): number {
  return a.step - b.step || a.timestamp - b.timestamp || (a.value > b.value ? 1 : a.value < b.value ? -1 : 0);
}
