import { provRef, type ProvRef } from '@provenant/contracts';
import type { RunInfo } from '../runs/run.model';

/**
 * Provenance arrives as run tags, so an unchanged MLflow client records it: MLflow itself sets
 * `mlflow.source.git.commit` and `mlflow.parentRunId`; Provenant's SDK adds the rest.
 */
export const PROVENANCE_TAGS = {
  gitCommit: 'mlflow.source.git.commit',
  gitDirty: 'provenant.source.git.dirty',
  gitDiffDigest: 'provenant.source.git.diff_digest',
  environment: 'provenant.env.fingerprint',
  parentRun: 'mlflow.parentRunId',
  runName: 'mlflow.runName',
  user: 'mlflow.user',
} as const;

type Provenance = Pick<
  RunInfo,
  'codeCommit' | 'codeDirty' | 'codeDiffDigest' | 'environmentFingerprint' | 'parentRunId'
>;

const SHA256 = /^sha256:[0-9a-f]{64}$/;

export function provenanceFromTags(tags: Map<string, string>): Provenance {
  const dirty = tags.get(PROVENANCE_TAGS.gitDirty);
  const diff = tags.get(PROVENANCE_TAGS.gitDiffDigest);
  const env = tags.get(PROVENANCE_TAGS.environment);
  return {
    codeCommit: tags.get(PROVENANCE_TAGS.gitCommit) ?? null,
    codeDirty: dirty === undefined ? null : dirty.toLowerCase() === 'true',
    codeDiffDigest: diff !== undefined && SHA256.test(diff) ? diff : null,
    environmentFingerprint: env !== undefined && SHA256.test(env) ? env : null,
    parentRunId: tags.get(PROVENANCE_TAGS.parentRun) ?? null,
  };
}

/** What a run used, in PROV terms: its code, its environment and its parent run. */
export function provenanceRefs(p: Provenance): ProvRef[] {
  const refs: ProvRef[] = [];
  if (p.codeCommit) refs.push(provRef.commit(p.codeCommit));
  if (p.environmentFingerprint) refs.push(provRef.env(p.environmentFingerprint));
  if (p.parentRunId) refs.push(provRef.run(p.parentRunId, 'parent'));
  return refs;
}
