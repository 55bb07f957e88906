import type { ProvRef, Subject } from './generated/common.types';

/**
 * The vocabulary of lineage references (EventMeta.used / generated / subject). The audit-ledger
 * builds its graph from these alone, and two references are the same node exactly when kind and
 * id are equal, so every producer must spell ids the same way: use these builders.
 */
export const PROV_KINDS = [
  'artifact',
  'attestation',
  'batch',
  'check',
  'checkpoint',
  'commit',
  'dataset',
  'deployment',
  'entity',
  'env',
  'experiment',
  'feature_service',
  'feature_view',
  'ledger',
  'materialization',
  'model',
  'model_card',
  'ol_dataset',
  'ol_job',
  'prediction',
  'promotion',
  'request',
  'run',
  'source',
] as const;
export type ProvKind = (typeof PROV_KINDS)[number];

const DIGEST = /^[a-z0-9]+:[0-9a-f]+$/;

function ref(kind: ProvKind, id: string, digest: string | null = null, role: string | null = null): ProvRef {
  if (id === '') throw new RangeError(`${kind} reference with an empty id`);
  if (digest !== null && !DIGEST.test(digest))
    throw new RangeError(`digest must be <algorithm>:<lowercase hex>, got ${digest}`);
  return { kind, id, digest, role };
}

/** Builders, one per kind, each producing the canonical id grammar documented in docs/events.md. */
export const provRef = {
  entity: (name: string, version: number, role?: string) => ref('entity', `${name}@v${version}`, null, role),
  featureView: (name: string, version: number, role?: string) =>
    ref('feature_view', `${name}@v${version}`, null, role),
  featureService: (name: string, version: number, role?: string) =>
    ref('feature_service', `${name}@v${version}`, null, role),
  batch: (batchId: string, digest?: string, role?: string) => ref('batch', batchId, digest, role),
  source: (uri: string, digest?: string, role?: string) => ref('source', uri, digest, role),
  dataset: (name: string, digest: string, role?: string) => ref('dataset', `${name}@${digest}`, digest, role),
  experiment: (experimentId: string) => ref('experiment', experimentId),
  run: (runId: string, role?: string) => ref('run', runId, null, role),
  artifact: (digest: string, role?: string) => ref('artifact', digest, digest, role),
  model: (name: string) => ref('model', name),
  modelVersion: (name: string, version: number, artifactDigest?: string, role?: string) =>
    ref('model', `${name}/${version}`, artifactDigest, role),
  modelCard: (name: string, version: number, revision: number, digest: string) =>
    ref('model_card', `${name}/${version}@r${revision}`, digest),
  promotion: (promotionId: string) => ref('promotion', promotionId),
  deployment: (deploymentId: string) => ref('deployment', deploymentId),
  env: (fingerprint: string, role?: string) => ref('env', fingerprint, fingerprint, role ?? 'environment'),
  commit: (sha: string, role?: string) => ref('commit', `git:${sha}`, null, role ?? 'code'),
  request: (requestId: string, role?: string) => ref('request', requestId, null, role),
  prediction: (predictionId: string) => ref('prediction', predictionId),
  materialization: (materializationId: string) => ref('materialization', materializationId),
  check: (checkId: string) => ref('check', checkId),
  attestation: (digest: string) => ref('attestation', digest, digest),
  checkpoint: (origin: string, treeSize: number) => ref('checkpoint', `${origin}/${treeSize}`),
  /**
   * A dataset or job named by an external OpenLineage producer (Airflow, Spark, dbt): the id is
   * `<namespace>:<name>` verbatim, so Marquez's node id is `dataset:` or `job:` followed by it.
   */
  olDataset: (namespace: string, name: string, role?: string) =>
    ref('ol_dataset', `${namespace}:${name}`, null, role),
  olJob: (namespace: string, name: string, role?: string) =>
    ref('ol_job', `${namespace}:${name}`, null, role),
} as const;

/** Canonical text form, `<kind>:<id>`: the lineage graph's node id. */
export function formatProvRef(reference: Pick<ProvRef, 'kind' | 'id'> | Subject): string {
  return `${reference.kind}:${reference.id}`;
}

/** Inverse of formatProvRef; the kind is everything before the first colon. */
export function parseProvRef(text: string): Pick<ProvRef, 'kind' | 'id'> {
  const colon = text.indexOf(':');
  if (colon <= 0 || colon === text.length - 1)
    throw new RangeError(`not a <kind>:<id> reference: ${JSON.stringify(text)}`);
  return { kind: text.slice(0, colon), id: text.slice(colon + 1) };
}

export function subject(kind: ProvKind, id: string): Subject {
  if (id === '') throw new RangeError(`${kind} subject with an empty id`);
  return { kind, id };
}
