import { micros, node, type ProvenanceNode } from './provenance-node';
import type { DatasetProvenance, ModelProvenance } from './model-provenance.finder';

/** The training half of a lineage tree: model version → run → data, code, environment. */
export function modelBranch(name: string, version: number, p: ModelProvenance): ProvenanceNode {
  const v = p.version?.value;
  const run = p.runId ? [runNode(p.runId, p)] : [];
  const artifact = v?.artifactDigest
    ? [node(`artifact:${v.artifactDigest}`, `model artifact ${v.artifactDigest}`, [p.version])]
    : [];
  return node(
    `model:${name}/${version}`,
    `model ${name} version ${version}`,
    [p.version],
    { runId: p.runId, artifactDigest: v?.artifactDigest, source: v?.source },
    [...artifact, ...run],
  );
}

function runNode(runId: string, p: ModelProvenance): ProvenanceNode {
  const done = p.runCompleted?.value;
  const children: ProvenanceNode[] = [];
  if (p.commit)
    children.push(
      node(`commit:git:${p.commit.sha}`, `code ${p.commit.sha}`, [p.commit.evidence], {
        repoUrl: p.commit.repoUrl,
        branch: p.commit.branch,
        dirty: p.commit.dirty,
      }),
    );
  if (p.fingerprint) {
    const env = p.environment?.value;
    children.push(
      node(
        `env:${p.fingerprint.value}`,
        `environment ${p.fingerprint.value}`,
        [p.environment, p.fingerprint.evidence],
        {
          label: env?.label,
          os: env?.os,
          arch: env?.arch,
          runtimes: env?.runtimes,
          imageDigest: env?.imageDigest,
        },
      ),
    );
  }
  children.push(...p.datasets.map(datasetNode));
  return node(
    `run:${runId}`,
    `run ${runId}${done ? ` (${done.status})` : ''}`,
    [p.runCompleted, p.runStarted],
    {
      experimentId: done?.experimentId ?? p.runStarted?.value?.experimentId,
      runName: p.runStarted?.value?.runName,
      params: done?.params,
      metrics: done?.metrics,
    },
    children,
  );
}

function datasetNode(d: DatasetProvenance): ProvenanceNode {
  const ts = d.trainingSet?.value;
  const views = (ts?.featureViews ?? []).map((fv) =>
    node(`feature_view:${fv.name}@v${fv.version}`, `feature view ${fv.name} v${fv.version}`, [d.trainingSet]),
  );
  return node(
    `dataset:${d.name}@${d.digest}`,
    `${d.context ?? 'input'} dataset ${d.name}@${d.digest}`,
    [d.trainingSet, d.version, d.loggedBy],
    {
      trainingSetId: ts?.trainingSetId,
      rowCount: ts?.rowCount,
      featureRefs: ts?.featureRefs,
      asOf: micros(ts?.asOf),
      datasetVersion: d.version?.value?.version,
      origin: d.version?.value?.origin,
      fileCount: d.version?.value?.fileCount,
    },
    views,
  );
}
