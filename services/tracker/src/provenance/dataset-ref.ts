import { provRef, type ProvRef } from '@provenant/contracts';

const ALGORITHM_DIGEST = /^[a-z0-9]+:[0-9a-f]+$/;

/**
 * A dataset a run used. Provenant datasets carry `sha256:<hex>` digests; MLflow's own dataset
 * digests are short hex strings without an algorithm, which the reference keeps in its id only
 * (`dataset:<name>@<digest>`) since its `digest` field must name the algorithm.
 */
export function datasetRef(name: string, digest: string, context: string | null): ProvRef {
  const role = context ?? 'input';
  if (ALGORITHM_DIGEST.test(digest)) return provRef.dataset(name, digest, role);
  return { kind: 'dataset', id: `${name}@${digest}`, digest: null, role };
}
