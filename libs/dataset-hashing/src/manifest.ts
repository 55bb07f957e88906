import { createHash, hash } from 'node:crypto';

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
 * version's identity. Recomputed in full, a linear fold over n cached 32-byte digests (about
 * 2n small SHA-256 calls): an update in O(log n) would need the previous tree, and an insertion
 * shifts every later leaf anyway. docs/benchmarks.md#hashing measures what the fold costs.
 */
export function merkleRoot(entries: readonly ManifestEntry[]): string {
  const leaves = [...entries].sort(byPath).map((e) => sha256(LEAF, leafOf(e)));
  return `sha256:${treeHash(leaves).toString('hex')}`;
}

// RFC 9162 §2.1.1 domain separation: leaves are SHA-256(0x00 || leaf), nodes SHA-256(0x01 || l || r).
const LEAF = Buffer.from([0]);
const NODE = Buffer.from([1]);
// One-shot hashing: for inputs this small, a Hash object's setup costs more than the hashing.
const sha256 = (...parts: Buffer[]) => hash('sha256', Buffer.concat(parts), 'buffer');

function treeHash(nodes: Buffer[]): Buffer {
  if (nodes.length === 0) return createHash('sha256').digest();
  // Bottom-up pairing yields the RFC 9162 shape (left subtrees perfect) for any leaf count.
  let level = nodes;
  while (level.length > 1) {
    const next: Buffer[] = [];
    for (let i = 0; i + 1 < level.length; i += 2) next.push(sha256(NODE, level[i], level[i + 1]));
    if (level.length % 2 === 1) next.push(level[level.length - 1]);
    level = next;
  }
  return level[0];
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
