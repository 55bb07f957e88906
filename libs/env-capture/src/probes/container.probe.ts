import { readFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { sha256Digest } from '../canonical-digest';
import type { ComponentData } from '../manifest';
import { exists, readOptional } from './system';

/**
 * Whether we run in a container, and which image. A process cannot see its own image digest, so
 * the deployer passes it (`PROVENANT_IMAGE` and `PROVENANT_IMAGE_DIGEST`, e.g. from the
 * Kubernetes downward API or `docker run -e`); without it the component says `imageDigest: null`.
 */
export async function containerComponent(env: NodeJS.ProcessEnv): Promise<ComponentData | null> {
  const [dockerenv, podman, cgroup] = await Promise.all([
    exists('/.dockerenv'),
    exists('/run/.containerenv'),
    readOptional('/proc/1/cgroup'),
  ]);
  const runtime = dockerenv
    ? 'docker'
    : podman
      ? 'podman'
      : env.KUBERNETES_SERVICE_HOST || /kubepods/.test(cgroup ?? '')
        ? 'kubernetes'
        : /docker|containerd|libpod|lxc/.test(cgroup ?? '')
          ? 'container'
          : null;
  if (!runtime) return null;
  return { runtime, image: env.PROVENANT_IMAGE ?? null, imageDigest: env.PROVENANT_IMAGE_DIGEST ?? null };
}

/**
 * A Dockerfile's digest and its base images. A base pinned by digest (`FROM img@sha256:…`) is
 * reproducible; a tag alone can be re-pushed, so `pinned: false` flags it.
 */
export async function dockerfileComponent(root: string, path: string): Promise<[string, ComponentData]> {
  const absolute = resolve(root, path);
  const file = relative(root, absolute);
  const bytes = await readFile(absolute);
  return [
    `dockerfile:${file}`,
    { file, sha256: sha256Digest(bytes), baseImages: parseBaseImages(bytes.toString('utf8')) },
  ];
}

export function parseBaseImages(text: string): { ref: string; pinned: boolean }[] {
  const stages = new Set<string>();
  const bases: { ref: string; pinned: boolean }[] = [];
  for (const line of text.replace(/\\\r?\n/g, ' ').split(/\r?\n/)) {
    const match = /^\s*FROM\s+(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?/i.exec(line);
    if (!match) continue;
    const image = match[1];
    if (!stages.has(image.toLowerCase()) && image !== 'scratch')
      bases.push({ ref: image, pinned: /@sha256:[0-9a-f]{64}$/.test(image) });
    if (match[2]) stages.add(match[2].toLowerCase());
  }
  return bases;
}
