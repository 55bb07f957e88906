import type { HttpClient } from '../http-client';

const API = '/api/2.0/mlflow';

export interface RunInfo {
  run_id: string;
  experiment_id: string;
  run_name: string;
  status: string;
  artifact_uri: string;
  lifecycle_stage: string;
}

export interface Run {
  info: RunInfo;
  data: {
    metrics?: { key: string; value: number; step: number; timestamp: number }[];
    params?: { key: string; value: string }[];
    tags?: { key: string; value: string }[];
  };
}

export interface DatasetInput {
  name: string;
  digest: string;
  source_type: string;
  source: string;
  schema?: string;
  profile?: string;
}

const pairs = (o: Record<string, string | number | boolean>) =>
  Object.entries(o).map(([key, value]) => ({ key, value: String(value) }));

/** The tracker through MLflow's REST API, plus Provenant's run comparison and provenance. */
export class TrackerClient {
  constructor(private readonly http: HttpClient) {}

  /** The experiment's id, creating it when it does not exist yet. */
  async ensureExperiment(name: string): Promise<string> {
    try {
      const found = await this.http.get<{ experiment: { experiment_id: string } }>(
        `${API}/experiments/get-by-name`,
        { experiment_name: name },
      );
      return found.experiment.experiment_id;
    } catch (err) {
      if ((err as { status?: number }).status !== 404) throw err;
      return (await this.http.post<{ experiment_id: string }>(`${API}/experiments/create`, { name }))
        .experiment_id;
    }
  }

  async createRun(
    experimentId: string,
    runName: string,
    tags: Record<string, string> = {},
  ): Promise<RunInfo> {
    const res = await this.http.post<{ run: Run }>(`${API}/runs/create`, {
      experiment_id: experimentId,
      run_name: runName,
      start_time: Date.now(),
      tags: pairs(tags),
    });
    return res.run.info;
  }

  async getRun(runId: string): Promise<Run> {
    return (await this.http.get<{ run: Run }>(`${API}/runs/get`, { run_id: runId })).run;
  }

  /** Params, metrics (one point each, at `step`) and tags in one atomic batch. */
  logBatch(
    runId: string,
    b: {
      params?: Record<string, string | number | boolean>;
      metrics?: Record<string, number>;
      tags?: Record<string, string>;
      step?: number;
    },
  ) {
    const timestamp = Date.now();
    return this.http.post(`${API}/runs/log-batch`, {
      run_id: runId,
      params: pairs(b.params ?? {}),
      tags: pairs(b.tags ?? {}),
      metrics: Object.entries(b.metrics ?? {}).map(([key, value]) => ({
        key,
        value,
        timestamp,
        step: b.step ?? 0,
      })),
    });
  }

  logInputs(runId: string, datasets: { dataset: DatasetInput; context?: string }[]) {
    return this.http.post(`${API}/runs/log-inputs`, {
      run_id: runId,
      datasets: datasets.map((d) => ({
        dataset: d.dataset,
        tags: d.context ? [{ key: 'mlflow.data.context', value: d.context }] : [],
      })),
    });
  }

  setTag(runId: string, key: string, value: string) {
    return this.http.post(`${API}/runs/set-tag`, { run_id: runId, key, value });
  }

  endRun(runId: string, status: 'FINISHED' | 'FAILED' | 'KILLED' = 'FINISHED') {
    return this.http.post(`${API}/runs/update`, { run_id: runId, status, end_time: Date.now() });
  }

  /** Uploads through the `mlflow-artifacts` proxy, as `mlflow.log_artifact` does. */
  async uploadArtifact(run: RunInfo, path: string, bytes: Uint8Array): Promise<void> {
    // Always octet-stream, as MLflow's client sends: the body is the file, whatever its type.
    const res = await this.http.raw(
      'PUT',
      `${this.artifactPath(run)}/${path}`,
      bytes,
      'application/octet-stream',
    );
    if (res.status >= 300) throw new Error(`artifact upload ${path} answered ${res.status}: ${res.bytes}`);
  }

  /** The artifact's bytes; the tracker checks the content against its digest while streaming. */
  async downloadArtifact(run: RunInfo, path: string): Promise<Buffer> {
    const res = await this.http.raw('GET', `${this.artifactPath(run)}/${path}`);
    if (res.status !== 200) throw new Error(`artifact download ${path} answered ${res.status}`);
    return res.bytes;
  }

  searchRuns(experimentIds: string[], filter = '', orderBy: string[] = [], maxResults = 100) {
    return this.http.post<{ runs?: Run[]; next_page_token?: string }>(`${API}/runs/search`, {
      experiment_ids: experimentIds,
      filter,
      order_by: orderBy,
      max_results: maxResults,
    });
  }

  /** Params and metrics side by side, in DVC's `params diff` / `metrics diff` shape. */
  compare(runIds: string[]) {
    return this.http.get<{ params: unknown; metrics: unknown }>('/api/provenant/runs/compare', {
      ids: runIds.join(','),
    });
  }

  provenance(runId: string) {
    return this.http.get<Record<string, unknown>>(
      `/api/provenant/runs/${encodeURIComponent(runId)}/provenance`,
    );
  }

  private artifactPath(run: RunInfo): string {
    // mlflow-artifacts:/<experiment>/<run>/artifacts → the proxy's path below /api/2.0/mlflow-artifacts/artifacts
    const rel = run.artifact_uri.replace(/^mlflow-artifacts:\/*/, '');
    return `/api/2.0/mlflow-artifacts/artifacts/${rel}`;
  }
}
