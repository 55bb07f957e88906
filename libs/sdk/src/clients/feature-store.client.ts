import { ServiceError, type HttpClient } from '../http-client';

const parseBody = (bytes: Buffer): unknown => {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    return bytes.toString('utf8');
  }
};

export interface PushRequest {
  featureView: string;
  rows: Record<string, unknown>[];
  /** Client-chosen id: resending the same id writes nothing twice. */
  batchId?: string;
  source?: 'PUSH' | 'BULK';
  sourceUri?: string;
  policy?: 'ACCEPT_VALID' | 'REJECT_ALL';
}

export interface PushAnswer {
  status: string;
  batchId: string;
  accepted: number;
  rejected: number;
  rejections: { rowIndex: number; reason: string; field: string | null; message: string }[];
}

export interface MaterializationRun {
  materializationId: string;
  featureView: string;
  viewVersion: number;
  mode: string;
  status: string;
  watermark: number | null;
  rowsRead: number;
  rowsWritten: number;
  rowsSkippedStale: number;
  digest: string;
  error: string | null;
  /** epoch microseconds, like every event time in Provenant */
  startedAt: number;
  completedAt: number | null;
}

export interface TrainingSetRequest {
  name?: string;
  features?: string[];
  featureService?: string;
  entityRows: Record<string, unknown>[];
  timestampField?: string;
  format?: 'csv' | 'parquet' | 'json';
  asOf?: string | number;
  entitySource?: { uri: string; sha256: string };
}

export interface TrainingSet {
  id: string;
  digest: string;
  rows: number;
  /** `view@vN` of every feature view read. */
  featureViews: string[];
  bytes: Buffer;
}

export interface OnlineRequest {
  features?: string[];
  feature_service?: string;
  entities: Record<string, (string | number)[]>;
  full_feature_names?: boolean;
}

export interface OnlineResponse {
  metadata: {
    feature_names: string[];
    request_id: string;
    feature_service: string | null;
    feature_view_versions: Record<string, number>;
  };
  results: { values: unknown[]; statuses: string[]; event_timestamps: string[] }[];
}

/** The feature store: definitions (registry), ingestion (feature-ingest), materialization, training sets and online serving (materializer). */
export class FeatureStoreClient {
  constructor(
    private readonly registry: HttpClient,
    private readonly ingest: HttpClient,
    private readonly materializer: HttpClient,
  ) {}

  /** What `apply` would change; writes nothing. `objects` as read by `readFeatureRepo`. */
  plan(objects: Record<string, unknown>[]) {
    return this.registry.post<FeaturePlan>('/features/plan', { objects });
  }

  apply(objects: Record<string, unknown>[]) {
    return this.registry.post<FeaturePlan>('/features/apply', { objects });
  }

  /**
   * Whether feature-ingest and the materializer have learned the view (they hear of definitions
   * as events, so a view is usable there shortly after `apply`).
   */
  async viewKnown(name: string, version?: number): Promise<boolean> {
    const known = (res: { status: number; bytes: Buffer }) =>
      res.status === 200 &&
      (version === undefined ||
        (JSON.parse(res.bytes.toString('utf8')) as { version: number }).version >= version);
    const [ingest, serving] = await Promise.all([
      this.ingest.raw('GET', `/features/views/${encodeURIComponent(name)}`),
      this.materializer.raw('GET', `/catalog/feature-views/${encodeURIComponent(name)}`),
    ]);
    return known(ingest) && known(serving);
  }

  /** Rows into the offline store (and onward to the online store). 422 when REJECT_ALL refuses the batch. */
  push(request: PushRequest) {
    return this.ingest.post<PushAnswer>('/features/push', request);
  }

  /** Incremental (no window) or batch (`start`/`end`) materialization, waited for. */
  async materialize(request: { views?: string[]; start?: string | number; end?: string | number } = {}) {
    return (await this.materializer.post<{ runs: MaterializationRun[] }>('/materializations', request)).runs;
  }

  /** A point-in-time-correct training set: the file itself plus its id and digest. */
  async trainingSet(request: TrainingSetRequest): Promise<TrainingSet> {
    const res = await this.materializer.raw('POST', '/training-sets', request);
    if (res.status !== 201)
      throw new ServiceError(res.status, parseBody(res.bytes), `${this.materializer.baseUrl}/training-sets`);
    return {
      id: res.headers.get('x-training-set-id')!,
      digest: res.headers.get('x-training-set-digest')!,
      rows: Number(res.headers.get('x-training-set-rows')),
      featureViews: (res.headers.get('x-training-set-features') ?? '').split(',').filter(Boolean),
      bytes: res.bytes,
    };
  }

  /** Feast's `POST /get-online-features`. */
  online(request: OnlineRequest) {
    return this.materializer.post<OnlineResponse>('/get-online-features', request);
  }
}

/** What plan/apply answer: each change with the version it creates and why. */
export interface FeaturePlan {
  changes: {
    kind: string;
    name: string;
    change: string;
    fromVersion: number | null;
    toVersion: number;
    details: string[];
  }[];
  unchanged: { kind: string; name: string; version: number }[];
  notInRepo: { kind: string; name: string; version: number }[];
}

/**
 * Where `feature` is among a training set's columns or an online response's `feature_names`:
 * named `feature`, or `view__feature` when the request asked for full feature names (Feast's
 * convention). Throws naming the columns when it is absent, rather than reading `undefined`.
 */
export function featureColumn(columns: string[], feature: string): number {
  const i = columns.findIndex((c) => c === feature || c.endsWith(`__${feature}`));
  if (i < 0) throw new Error(`no column for feature ${feature} among ${columns.join(', ')}`);
  return i;
}

/** A feature's value in one row of a JSON training set (see `featureColumn`). */
export function featureValue(row: Record<string, unknown>, feature: string): unknown {
  const columns = Object.keys(row);
  return row[columns[featureColumn(columns, feature)]];
}
