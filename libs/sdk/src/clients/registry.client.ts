import { ServiceError, type HttpClient } from '../http-client';

const API = '/api/2.0/mlflow';
const MODELS = '/api/provenant/models';
const q = encodeURIComponent;

export interface ModelVersion {
  name: string;
  version: string;
  run_id: string;
  source: string;
  artifact_digest: string | null;
  current_stage: string;
  aliases?: string[];
  git_tag?: string | null;
}

export interface GateResult {
  name: string;
  kind: string;
  passed: boolean;
  detail: string;
}

export interface Promotion {
  promotion_id: string;
  name: string;
  version: number;
  target: string;
  decision: 'APPROVED' | 'REJECTED' | 'AWAITING_APPROVAL' | string;
  gates: GateResult[];
  approvals: { principal: string; role: string; approvedAt: string; comment: string | null }[];
  requested_by: string;
}

/** An env-verifier verdict as the registry learned it (the ENVIRONMENT_VERDICT gate's evidence). */
export interface EnvironmentVerdict {
  target: string;
  verdict: string;
  verificationId: string;
  verifiedAt: string;
}

export interface PromotionPolicy {
  metrics?: { key: string; op: '>=' | '>' | '<=' | '<' | '=='; threshold: number }[];
  environment?: { target?: string; acceptedVerdicts?: ('IDENTICAL' | 'COMPATIBLE' | 'DRIFTED')[] } | null;
  lineage?: { data?: boolean; code?: boolean; environment?: boolean } | null;
  requiredApprovals?: number;
  ledgerIntegrity?: boolean;
}

export interface DatasetEntry {
  path: string;
  size: number;
  sha256: string;
  md5: string;
}

/** Models (MLflow's registry API), model cards, governed promotion and dataset versions. */
export class RegistryClient {
  constructor(private readonly http: HttpClient) {}

  /** Creates the registered model unless it exists. */
  async createModel(name: string): Promise<void> {
    await this.http.post(`${API}/registered-models/create`, { name }).catch((err: unknown) => {
      const exists =
        err instanceof ServiceError &&
        (err.body as { error_code?: string }).error_code === 'RESOURCE_ALREADY_EXISTS';
      if (!exists) throw err;
    });
  }

  /** A new version of `name` from a tracker run (the registered model is created when new). */
  async registerModel(
    name: string,
    v: {
      runId: string;
      source?: string;
      artifactDigest?: string;
      /** MLflow model signature: `{ inputs, outputs }` as JSON strings */
      signature?: { inputs?: string; outputs?: string };
      /** record the git tag `model/<name>/v<N>` for the version (the caller creates the tag) */
      gitTag?: boolean;
    },
  ): Promise<ModelVersion> {
    await this.createModel(name);
    const res = await this.http.post<{ model_version: ModelVersion }>(`${API}/model-versions/create`, {
      name,
      source: v.source ?? `runs:/${v.runId}/model`,
      run_id: v.runId,
      artifact_digest: v.artifactDigest,
      signature: v.signature,
      git_tag: v.gitTag,
    });
    return res.model_version;
  }

  async modelByAlias(name: string, alias: string): Promise<ModelVersion> {
    return (
      await this.http.get<{ model_version: ModelVersion }>(`${API}/registered-models/alias`, { name, alias })
    ).model_version;
  }

  /** Publishes a card revision: the text sections given; the rest is filled from lineage. */
  publishCard(name: string, version: string | number, sections: Record<string, unknown>) {
    return this.http.put<Record<string, unknown>>(`${MODELS}/${q(name)}/versions/${version}/card`, sections);
  }

  cardMarkdown(name: string, version: string | number) {
    return this.http.get<string>(`${MODELS}/${q(name)}/versions/${version}/card/markdown`);
  }

  setPolicy(name: string, target: string, policy: PromotionPolicy) {
    return this.http.put(`${MODELS}/${q(name)}/policies/${q(target)}`, policy);
  }

  /** Evaluates every gate; the alias moves only when all pass (and approvals are complete). */
  promote(name: string, version: string | number, target: string, reason?: string) {
    return this.http.post<Promotion>(`${MODELS}/${q(name)}/versions/${version}/promotions`, {
      target,
      reason,
    });
  }

  approve(name: string, version: string | number, target: string, comment?: string) {
    return this.http.post<Promotion>(`${MODELS}/${q(name)}/versions/${version}/approvals`, {
      target,
      comment,
    });
  }

  async promotions(name: string): Promise<Promotion[]> {
    return (await this.http.get<{ promotions: Promotion[] }>(`${MODELS}/${q(name)}/promotions`)).promotions;
  }

  /** What the registry knows of a run (from the tracker's events); 404 until it has heard of it. */
  runLineage(runId: string) {
    return this.http.get<Record<string, unknown>>(`/api/provenant/runs/${q(runId)}/lineage`);
  }

  /** The env-verifier verdicts the registry's gates will read for an environment, per target. */
  environmentVerdicts(fingerprint: string) {
    return this.http.get<{ fingerprint: string; verdicts: EnvironmentVerdict[] }>(
      `/api/provenant/environments/${q(fingerprint)}/verdicts`,
    );
  }

  registerDataset(name: string, entries: DatasetEntry[], path?: string) {
    return this.http.post<{ name: string; version: number; digest: string; created: boolean }>(
      '/api/provenant/datasets',
      { name, entries, path },
    );
  }
}
