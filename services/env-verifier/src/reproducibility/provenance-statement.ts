import { canonicalDigest, canonicalJson } from '@provenant/env-capture';
import type { RunDescription } from './run-description';

/** The build type this statement follows: an ML run whose parameters and dependencies are listed below. */
export const BUILD_TYPE = 'urn:provenant:build-type:ml-run:v1';
const DEFAULT_BUILDER = 'urn:provenant:builder:unattested';

type DigestSet = Record<string, string>;
interface ResourceDescriptor {
  name?: string;
  uri?: string;
  digest: DigestSet;
}

/** `sha256:ab…` → `{sha256: "ab…"}`, the in-toto DigestSet form. */
const digestSet = (digest: string): DigestSet => {
  const colon = digest.indexOf(':');
  return { [digest.slice(0, colon)]: digest.slice(colon + 1) };
};

/**
 * An in-toto Statement v1 with a SLSA Provenance v1 predicate for a run's outputs: subjects are
 * the artifacts by digest; resolved dependencies are the data, the code commit and the
 * environment, each by digest, so a verifier can match every input without trusting names.
 * Unsigned (SLSA Build L1); signing it in a DSSE envelope is the caller's or a later step's job.
 */
export function provenanceStatement(run: RunDescription): {
  statement: Record<string, unknown>;
  digest: string;
} {
  const dependencies: ResourceDescriptor[] = run.inputs.map((input) => ({
    name: input.name,
    ...(input.uri ? { uri: input.uri } : {}),
    digest: digestSet(input.digest),
  }));
  if (run.commit)
    dependencies.push({
      name: 'code',
      ...(run.repository ? { uri: `git+${run.repository}@${run.commit}` } : {}),
      digest: { gitCommit: run.commit },
    });
  if (run.environment)
    dependencies.push({
      name: 'environment',
      uri: `provenant:env:${run.environment}`,
      digest: digestSet(run.environment),
    });

  const statement = {
    _type: 'https://in-toto.io/Statement/v1',
    subject: run.outputs.map((output) => ({ name: output.name, digest: digestSet(output.digest) })),
    predicateType: 'https://slsa.dev/provenance/v1',
    predicate: {
      buildDefinition: {
        buildType: BUILD_TYPE,
        externalParameters: {
          params: run.params,
          ...(run.experimentId ? { experimentId: run.experimentId } : {}),
        },
        resolvedDependencies: dependencies,
      },
      runDetails: {
        builder: { id: run.builder ?? DEFAULT_BUILDER },
        metadata: {
          invocationId: run.runId,
          ...(run.startedAt ? { startedOn: run.startedAt } : {}),
          ...(run.finishedAt ? { finishedOn: run.finishedAt } : {}),
        },
        byproducts: Object.keys(run.metrics).length === 0 ? [] : [metricsByproduct(run.metrics)],
      },
    },
  };
  return { statement, digest: canonicalDigest(statement) };
}

/** The run's metrics, canonical JSON in base64 as ResourceDescriptor.content requires. */
function metricsByproduct(metrics: Record<string, number>) {
  return {
    name: 'metrics',
    mediaType: 'application/json',
    content: Buffer.from(canonicalJson(metrics)).toString('base64'),
  };
}
