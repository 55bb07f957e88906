import { Injectable } from '@nestjs/common';
import { TrackerTables, type Sql } from '../persistence/tracker-tables';
import { type KeyValueInput, MlflowError } from '@provenant/platform';

export interface Experiment {
  experimentId: string;
  name: string;
  artifactLocation: string;
  lifecycleStage: 'active' | 'deleted';
  creationTime: number;
  lastUpdateTime: number;
  tags: KeyValueInput[];
}

const COLUMNS = `experiment_id::text AS "experimentId", name, artifact_location AS "artifactLocation",
  lifecycle_stage AS "lifecycleStage", creation_time::float8 AS "creationTime", last_update_time::float8 AS "lastUpdateTime"`;

@Injectable()
export class ExperimentStore {
  constructor(private readonly t: TrackerTables) {}

  /** Inserts with the default artifact location `mlflow-artifacts:/<id>`, which the artifact proxy serves. */
  async insert(
    sql: Sql,
    e: { name: string; artifactLocation?: string; tags: KeyValueInput[]; now: number },
  ): Promise<Experiment> {
    const [row] = await sql.query(
      `WITH next AS (SELECT nextval(pg_get_serial_sequence('${this.t.experiments}', 'experiment_id')) AS id)
       INSERT INTO ${this.t.experiments} (experiment_id, name, artifact_location, creation_time, last_update_time)
       SELECT id, $1, coalesce($2, 'mlflow-artifacts:/' || id), $3, $3 FROM next RETURNING ${COLUMNS}`,
      [e.name, e.artifactLocation ?? null, e.now],
    );
    await this.setTags(sql, row.experimentId, e.tags);
    return { ...row, tags: e.tags };
  }

  async setTags(sql: Sql, experimentId: string, tags: KeyValueInput[]): Promise<void> {
    if (tags.length === 0) return;
    await sql.query(
      `INSERT INTO ${this.t.experimentTags} (experiment_id, key, value)
       SELECT $1, k, v FROM unnest($2::text[], $3::text[]) AS x(k, v)
       ON CONFLICT (experiment_id, key) DO UPDATE SET value = EXCLUDED.value`,
      [experimentId, tags.map((t) => t.key), tags.map((t) => t.value)],
    );
  }

  async deleteTag(sql: Sql, experimentId: string, key: string): Promise<void> {
    await sql.query(`DELETE FROM ${this.t.experimentTags} WHERE experiment_id = $1 AND key = $2`, [
      experimentId,
      key,
    ]);
  }

  /** `withTags: false` skips the tags' query, for callers that need only the experiment's row. */
  async find(sql: Sql, experimentId: string, withTags = true): Promise<Experiment | undefined> {
    if (!/^\d{1,18}$/.test(experimentId)) return undefined;
    const [row] = await sql.query(`SELECT ${COLUMNS} FROM ${this.t.experiments} WHERE experiment_id = $1`, [
      experimentId,
    ]);
    if (!row) return undefined;
    return withTags ? (await this.withTags(sql, [row]))[0] : { ...row, tags: [] };
  }

  async get(sql: Sql, experimentId: string, withTags = true): Promise<Experiment> {
    const found = await this.find(sql, experimentId, withTags);
    if (!found) throw MlflowError.notFound(`No Experiment with id=${experimentId} exists`);
    return found;
  }

  async getActive(sql: Sql, experimentId: string, withTags = true): Promise<Experiment> {
    const found = await this.get(sql, experimentId, withTags);
    if (found.lifecycleStage !== 'active')
      throw MlflowError.invalid(
        `The experiment ${experimentId} must be in the 'active' state. Current state is deleted.`,
      );
    return found;
  }

  async findByName(sql: Sql, name: string): Promise<Experiment | undefined> {
    const [row] = await sql.query(`SELECT ${COLUMNS} FROM ${this.t.experiments} WHERE name = $1`, [name]);
    return row ? (await this.withTags(sql, [row]))[0] : undefined;
  }

  async update(
    sql: Sql,
    experimentId: string,
    change: { name?: string; lifecycleStage?: string },
    now: number,
  ): Promise<void> {
    await sql.query(
      `UPDATE ${this.t.experiments} SET name = coalesce($2, name), lifecycle_stage = coalesce($3, lifecycle_stage),
       last_update_time = $4 WHERE experiment_id = $1`,
      [experimentId, change.name ?? null, change.lifecycleStage ?? null, now],
    );
  }

  async withTags(sql: Sql, rows: Omit<Experiment, 'tags'>[]): Promise<Experiment[]> {
    if (rows.length === 0) return [];
    const tags: { id: string; key: string; value: string }[] = await sql.query(
      `SELECT experiment_id::text AS id, key, value FROM ${this.t.experimentTags} WHERE experiment_id = ANY($1::bigint[]) ORDER BY key`,
      [rows.map((r) => r.experimentId)],
    );
    return rows.map((r) => ({
      ...r,
      tags: tags.filter((t) => t.id === r.experimentId).map(({ key, value }) => ({ key, value })),
    }));
  }
}

export const experimentColumns = COLUMNS;
