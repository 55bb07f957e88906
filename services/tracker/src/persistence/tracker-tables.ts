import type { EntityManager } from 'typeorm';

/** Anything that runs SQL: the DataSource's manager or a transaction's. */
export type Sql = Pick<EntityManager, 'query'>;

/**
 * Schema-qualified table names. The tracker speaks SQL directly rather than through entities:
 * the MLflow search language compiles to SQL, and log-batch writes whole arrays with `unnest`.
 */
export class TrackerTables {
  readonly experiments: string;
  readonly experimentTags: string;
  readonly runs: string;
  readonly params: string;
  readonly tags: string;
  readonly metrics: string;
  readonly latestMetrics: string;
  readonly runInputs: string;
  readonly artifacts: string;

  constructor(schema: string) {
    const s = `"${schema.replace(/"/g, '')}"`;
    this.experiments = `${s}.experiments`;
    this.experimentTags = `${s}.experiment_tags`;
    this.runs = `${s}.runs`;
    this.params = `${s}.params`;
    this.tags = `${s}.tags`;
    this.metrics = `${s}.metrics`;
    this.latestMetrics = `${s}.latest_metrics`;
    this.runInputs = `${s}.run_inputs`;
    this.artifacts = `${s}.artifacts`;
  }
}

/** PostgreSQL's unique_violation, for turning a lost insert race into RESOURCE_ALREADY_EXISTS. */
export const isUniqueViolation = (err: unknown): boolean => (err as { code?: string })?.code === '23505';
