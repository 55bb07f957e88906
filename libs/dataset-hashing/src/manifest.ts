import { createHash } from 'node:crypto';
import { leafHash, MerkleLevels } from './merkle-levels';

/** One file of a dataset version. `path` is relative to the dataset root, POSIX separators. */
export interface ManifestEntry {
  path: string;
  size: number;
  /** Lowercase hex SHA-256 of the content. */
  sha256: string;
  /** Lowercase hex MD5 of the content, for DVC interop (DVC 3 hashes raw bytes). */
  md5: string;
}

export const byPath = (a: { path: string }, b: { path: string }) =>
  a.path < b.path ? -1 : a.path > b.path ? 1 : 0;

/** The leaf of one entry: `path NUL size NUL sha256`, so a rename or resize changes the root too. */
export function leafOf(e: ManifestEntry): Buffer {
  return Buffer.from(`${e.path}\0${e.size}\0${e.sha256}`, 'utf8');
}

/**
 * `sha256:<hex>` root of an RFC 9162 Merkle tree over the entries sorted by path: the dataset
 * version's identity, computed in full (the registry checks a submitted manifest this way).
 * `buildManifest` gets the same root incrementally from the previous tree of the directory.
 */
export function merkleRoot(entries: readonly ManifestEntry[]): string {
  const leaves = Buffer.concat([...entries].sort(byPath).map((e) => leafHash(leafOf(e))));
  return `sha256:${MerkleLevels.over(leaves).tree.root().toString('hex')}`;
}

/**
 * DVC's directory hash (dvc-data `Tree.digest`): MD5 of `json.dumps(sorted [{"md5", "relpath"}],
 * sort_keys=True)` with Python's default separators and ASCII escaping, plus `.dir`.
 */
export function dvcDirMd5(entries: readonly ManifestEntry[]): string {
  const body = [...entries]
    .sort(byPath)
    .map((e) => `{"md5": ${pyJson(e.md5)}, "relpath": ${pyJson(e.path)}}`)
    .join(', ');
  return `${createHash('md5').update(`[${body}]`, 'utf8').digest('hex')}.dir`;
}

/** Python `json.dumps` of a string (ensure_ascii=True): non-ASCII as \uXXXX escapes. */
function pyJson(s: string): string {
  return JSON.stringify(s).replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

export const totalBytes = (entries: readonly ManifestEntry[]) => entries.reduce((n, e) => n + e.size, 0);
