import { Injectable } from '@nestjs/common';
import { TrackerTables, type Sql } from '../persistence/tracker-tables';
import { provenanceFromTags } from '../provenance/provenance-tags';
import type { Run, RunInfo } from './run.model';
import { type KeyValueInput, MlflowError } from '@provenant/platform';

export const RUN_INFO_COLUMNS = `r.run_id AS "runId", r.experiment_id::text AS "experimentId", r.run_name AS "runName",
  r.user_id AS "userId", r.status, r.start_time::float8 AS "startTime", r.end_time::float8 AS "endTime",
  r.lifecycle_stage AS "lifecycleStage", r.artifact_uri AS "artifactUri", r.parent_run_id AS "parentRunId",
  r.code_commit AS "codeCommit", r.code_dirty AS "codeDirty", r.code_diff_digest AS "codeDiffDigest",
  r.environment_fingerprint AS "environmentFingerprint"`;

@Injectable()
export class RunStore {
  constructor(private readonly t: TrackerTables) {}

  /** The run and its first tags in one statement (one round trip). */
  async insert(sql: Sql, run: RunInfo, tags: KeyValueInput[]): Promise<void> {
    await sql.query(
      `WITH run AS (
         INSERT INTO ${this.t.runs} (run_id, experiment_id, run_name, user_id, status, start_time, end_time, lifecycle_stage,
           artifact_uri, parent_run_id, code_commit, code_dirty, code_diff_digest, environment_fingerprint)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING run_id)
       INSERT INTO ${this.t.tags} (run_id, key, value)
       SELECT run.run_id, k, v FROM run, unnest($15::text[], $16::text[]) AS x(k, v)`,
      [
        run.runId,
        run.experimentId,
        run.runName,
        run.userId,
        run.status,
        run.startTime,
        run.endTime,
        run.lifecycleStage,
        run.artifactUri,
        run.parentRunId,
        run.codeCommit,
        run.codeDirty,
        run.codeDiffDigest,
        run.environmentFingerprint,
        tags.map((t) => t.key),
        tags.map((t) => t.value),
      ],
    );
  }

  /** `lock` takes the row for the transaction: logging and status changes on one run serialise. */
  async info(sql: Sql, runId: string, lock = false): Promise<RunInfo> {
    const [row] = await sql.query(
      `SELECT ${RUN_INFO_COLUMNS} FROM ${this.t.runs} r WHERE r.run_id = $1${lock ? ' FOR UPDATE' : ''}`,
      [runId],
    );
    if (!row) throw MlflowError.notFound(`Run with id=${runId} not found`);
    return row;
  }

  /** MLflow refuses writes to a deleted run (`_check_run_is_active`). */
  async activeInfo(sql: Sql, runId: string, lock = false): Promise<RunInfo> {
    const info = await this.info(sql, runId, lock);
    if (info.lifecycleStage !== 'active')
      throw MlflowError.invalid(`The run ${runId} must be in the 'active' state. Current state is deleted.`);
    return info;
  }

  async update(
    sql: Sql,
    runId: string,
    set: Partial<Pick<RunInfo, 'status' | 'endTime' | 'runName' | 'lifecycleStage'>>,
  ): Promise<void> {
    await sql.query(
      `UPDATE ${this.t.runs} SET status = coalesce($2, status), end_time = coalesce($3, end_time),
         run_name = coalesce($4, run_name), lifecycle_stage = coalesce($5, lifecycle_stage) WHERE run_id = $1`,
      [runId, set.status ?? null, set.endTime ?? null, set.runName ?? null, set.lifecycleStage ?? null],
    );
  }

  /** Re-reads provenance from the run's tags, for tags such as the git commit set after creation. */
  async refreshProvenance(sql: Sql, runId: string): Promise<void> {
    const rows: { key: string; value: string }[] = await sql.query(
      `SELECT key, value FROM ${this.t.tags} WHERE run_id = $1`,
      [runId],
    );
    const p = provenanceFromTags(new Map(rows.map((r) => [r.key, r.value])));
    await sql.query(
      `UPDATE ${this.t.runs} SET code_commit = $2, code_dirty = $3, code_diff_digest = $4, environment_fingerprint = $5, parent_run_id = $6
       WHERE run_id = $1`,
      [runId, p.codeCommit, p.codeDirty, p.codeDiffDigest, p.environmentFingerprint, p.parentRunId],
    );
  }

  async get(sql: Sql, runId: string): Promise<Run> {
    const info = await this.info(sql, runId);
    return (await this.withData(sql, [info]))[0];
  }

  /**
   * Params, tags, latest metrics and inputs of many runs in four queries, whatever their number,
   * one after the other on one connection (four at once per search starved the pool of 10 under
   * 20 concurrent searches). The ids are joined as an array rather than matched with `= ANY`: for
   * a page of 1,000 runs the planner prices `run_id = ANY(…)` as a scan of the whole table, 3–10×
   * slower than the 1,000 primary-key probes it then does.
   */
  async withData(sql: Sql, infos: RunInfo[]): Promise<Run[]> {
    const ids = [infos.map((i) => i.runId)];
    const page = `unnest($1::text[]) AS u(run_id) JOIN`;
    const params = await sql.query(
      `SELECT x.run_id, x.key, x.value FROM ${page} ${this.t.params} x USING (run_id) ORDER BY x.key`,
      ids,
    );
    const tags = await sql.query(
      `SELECT x.run_id, x.key, x.value FROM ${page} ${this.t.tags} x USING (run_id) ORDER BY x.key`,
      ids,
    );
    const metrics = await sql.query(
      `SELECT m.run_id, m.key, m.value, m.timestamp::float8 AS timestamp, m.step::float8 AS step
       FROM ${page} ${this.t.latestMetrics} m USING (run_id) ORDER BY m.key`,
      ids,
    );
    const inputs = await sql.query(
      `SELECT i.run_id, i.name, i.digest, i.source_type AS "sourceType", i.source, i.schema, i.profile, i.context, i.tags
       FROM ${page} ${this.t.runInputs} i USING (run_id) ORDER BY i.name, i.digest`,
      ids,
    );
    const byRun = new Map<string, Run>(
      infos.map((info) => [info.runId, { info, params: [], tags: [], metrics: [], inputs: [] }]),
    );
    for (const r of params) byRun.get(r.run_id)!.params.push({ key: r.key, value: r.value });
    for (const r of tags) byRun.get(r.run_id)!.tags.push({ key: r.key, value: r.value });
    for (const { run_id, ...m } of metrics) byRun.get(run_id)!.metrics.push(m);
    for (const { run_id, ...i } of inputs) byRun.get(run_id)!.inputs.push(i);
    return [...byRun.values()];
  }
}
