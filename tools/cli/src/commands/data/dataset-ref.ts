import type { ManifestEntry } from '@provenant/dataset-hashing';
import { q, registryClient } from '../models/registry-client';

export interface DatasetVersionAnswer {
  created?: boolean;
  name: string;
  version: number;
  digest: string;
  dvc_md5: string | null;
  path: string | null;
  file_count: number;
  total_bytes: number;
  manifest: ManifestEntry[];
}

/** `NAME@vN`, `NAME@N`, `NAME@latest` or plain `NAME` (the latest version). */
export function parseDatasetRef(ref: string): { name: string; version: string } {
  const m = /^([\w.-]+(?:\/[\w.-]+)*)(?:@v?(\d+|latest))?$/.exec(ref);
  if (!m)
    throw new Error(`not a dataset version: ${JSON.stringify(ref)} (expected NAME, NAME@vN or NAME@latest)`);
  return { name: m[1], version: m[2] ?? 'latest' };
}

export function fetchVersion(ref: string): Promise<DatasetVersionAnswer> {
  const { name, version } = parseDatasetRef(ref);
  return registryClient().get<DatasetVersionAnswer>(
    `/api/provenant/datasets/${q(name)}/versions/${q(version)}`,
  );
}

export const human = (bytes: number) =>
  bytes < 1024
    ? `${bytes} B`
    : bytes < 1 << 20
      ? `${(bytes / 1024).toFixed(1)} KiB`
      : `${(bytes / (1 << 20)).toFixed(1)} MiB`;
