import type { EnvironmentVerified } from '@provenant/contracts';
import type { LeafEvent } from '../lineage/leaf-event-reader';
import type { ModelProvenance } from '../lineage/model-provenance.finder';
import type { Claim, ModelReport } from './model-report';

export const claimOf = (e: LeafEvent): Claim => ({
  leafIndex: e.leafIndex,
  eventId: e.eventId,
  eventType: e.eventType,
});
const claims = (...events: (LeafEvent | null | undefined)[]) =>
  events.filter((e): e is LeafEvent => !!e).map(claimOf);

export function dataSection(p: ModelProvenance): ModelReport['data'] {
  return p.datasets.map((d) => ({
    name: d.name,
    digest: d.digest,
    context: d.context,
    trainingSetId: d.trainingSet?.value?.trainingSetId ?? null,
    featureViews: (d.trainingSet?.value?.featureViews ?? []).map((v: any) => `${v.name}@v${v.version}`),
    datasetVersion: d.version?.value?.version ?? null,
    claims: claims(d.loggedBy, d.trainingSet, d.version),
  }));
}

export function trainingSection(p: ModelProvenance): ModelReport['training'] {
  if (!p.runId) return null;
  const done = p.runCompleted?.value;
  return {
    runId: p.runId,
    status: done?.status ?? null,
    params: done?.params ?? null,
    metrics: done?.metrics ?? null,
    claims: claims(p.runCompleted, p.runStarted),
  };
}

export function environmentSection(
  p: ModelProvenance,
  production: LeafEvent<EnvironmentVerified> | null,
): ModelReport['environment'] {
  if (!p.fingerprint) return null;
  const env = p.environment?.value;
  const check = production?.value;
  return {
    fingerprint: p.fingerprint.value,
    os: env?.os ?? null,
    arch: env?.arch ?? null,
    runtimes: env?.runtimes ?? {},
    claims: claims(p.fingerprint.evidence, p.environment),
    production:
      production && check
        ? {
            verdict: check.verdict,
            reference: `${check.reference.kind.toLowerCase()} ${check.reference.id}`,
            referenceFingerprint: check.reference.fingerprint,
            differences: check.differences.map((d) => ({ ...d })),
            claim: claimOf(production),
          }
        : null,
  };
}
