import { createHash } from 'node:crypto';
import type { ProvRef } from '@provenant/contracts';
import { provRef } from '@provenant/contracts';
import type { RunLineageEntity } from './lineage/lineage.entities';

const DIGEST = /^sha256:[0-9a-f]{64}$/;

/** The artifact path a model source names inside its run: `runs:/<id>/<path>` or `…/artifacts/<path>`. */
export function artifactPathOf(source: string, runId: string | null): string | null {
  const runs = /^runs:\/([^/]+)\/(.+)$/.exec(source);
  if (runs && (runId === null || runs[1] === runId)) return runs[2].replace(/\/+$/, '');
  const proxied = /\/artifacts\/(.+)$/.exec(source);
  return proxied ? proxied[1].replace(/\/+$/, '') : null;
}

/**
 * The model's digest from the run's logged artifacts when the client did not send one: the file's
 * SHA-256, or for a directory a SHA-256 over its sorted `<relative path> <digest>` lines.
 */
export function resolveArtifactDigest(run: RunLineageEntity | null, path: string | null): string | null {
  if (!run || path === null) return null;
  const exact = run.artifacts[path];
  if (exact) return exact.digest;
  const inside = Object.entries(run.artifacts)
    .filter(([p]) => p.startsWith(`${path}/`))
    .map(([p, a]) => `${p.slice(path.length + 1)} ${a.digest}\n`)
    .sort();
  if (inside.length === 0) return null;
  return `sha256:${createHash('sha256').update(inside.join('')).digest('hex')}`;
}

export const isSha256Digest = (d: string) => DIGEST.test(d);

/** The datasets a run used, as lineage references (MLflow digests are not `algo:hex`, so kept in the id). */
export function datasetRefs(run: RunLineageEntity | null): ProvRef[] {
  return (run?.datasets ?? []).map((d) =>
    /^[a-z0-9]+:[0-9a-f]+$/.test(d.digest)
      ? provRef.dataset(d.name, d.digest, d.context ?? 'training')
      : { kind: 'dataset', id: `${d.name}@${d.digest}`, digest: null, role: d.context ?? 'training' },
  );
}
