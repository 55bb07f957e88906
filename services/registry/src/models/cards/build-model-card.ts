import type { RunLineageEntity } from '../lineage/lineage.entities';
import type { ModelVersionEntity } from '../model.entities';
import { CARD_SCHEMA, type CardSections, type ModelCard } from './model-card.schema';

const sorted = <T>(xs: T[], key: (x: T) => string) => [...xs].sort((a, b) => key(a).localeCompare(key(b)));

/** The card of a version: human sections plus everything lineage knows (run, data, code, environment). */
export function buildModelCard(
  v: ModelVersionEntity,
  run: RunLineageEntity | null,
  s: CardSections,
): ModelCard {
  const datasets = run?.datasets ?? [];
  return {
    schema: CARD_SCHEMA,
    modelDetails: {
      name: v.name,
      version: v.version,
      description: s.description ?? v.description ?? null,
      owners: s.owners ?? [],
      license: s.license ?? null,
      references: s.references ?? [],
      source: v.source,
      artifactDigest: v.artifactDigest,
      signature: v.signature,
    },
    intendedUse: {
      primaryUses: s.intendedUses ?? [],
      outOfScopeUses: s.outOfScopeUses ?? [],
      users: s.users ?? [],
    },
    factors: s.factors ?? [],
    metrics: sorted(
      Object.entries(run?.metrics ?? {}).map(([name, m]) => ({ name, value: m.value })),
      (m) => m.name,
    ),
    // MLflow's dataset context: `training` inputs trained the model; any other context evaluated it.
    trainingData: sorted(
      datasets
        .filter((d) => (d.context ?? 'training') === 'training')
        .map((d) => ({ name: d.name, digest: d.digest })),
      (d) => d.name,
    ),
    evaluationData: sorted(
      datasets.filter((d) => (d.context ?? 'training') !== 'training'),
      (d) => d.name,
    ),
    provenance: {
      runId: v.runId,
      codeCommit: run?.codeCommit ?? null,
      environment: run?.envFingerprint ?? null,
      parameters: Object.fromEntries(sorted(Object.entries(run?.params ?? {}), ([k]) => k)),
    },
    considerations: {
      ethicalConsiderations: s.ethicalConsiderations ?? [],
      caveatsAndRecommendations: s.caveatsAndRecommendations ?? [],
    },
  };
}
