import { hashFile } from './file-digests';
import { HashPool } from './hash-pool';
import { HashCache } from './hash-cache';
import { leafOf, type ManifestEntry } from './manifest';
import { leafHash, MerkleLevels } from './merkle-levels';
import { scanFiles } from './scan';

export interface BuildOptions {
  /** Use and update the stat cache (default true); `false` re-hashes everything (verify). */
  cache?: boolean;
  cacheDir?: string;
  /** Files hashed at once (default 8): enough to keep the disk and the hash threads busy. */
  concurrency?: number;
}

export interface BuiltManifest {
  /** in path order */
  entries: ManifestEntry[];
  /** `sha256:<hex>` Merkle root over the entries, as `merkleRoot` computes it */
  root: string;
  /** files read and hashed; the rest came from the stat cache */
  hashed: number;
  fromCache: number;
  /** Merkle nodes hashed for the root: about k log n after k changed files, n - 1 without a cached tree */
  nodesHashed: number;
}

/** The manifest of a file or directory: only files whose stat changed are read and hashed. */
export async function buildManifest(root: string, options: BuildOptions = {}): Promise<BuiltManifest> {
  // The cache is read and parsed while the walk waits on lstat calls.
  const [files, cache] = await Promise.all([
    scanFiles(root),
    options.cache === false ? null : HashCache.open(root, options.cacheDir),
  ]);
  const entries: ManifestEntry[] = new Array(files.length);
  let hashed = 0;
  let next = 0;
  // Threads pay off once there is real content to hash; a few small files hash faster inline.
  const cached = files.map((f) => cache?.lookup(f.abs, f));
  const bytesToHash = files.reduce((n, f, i) => (cached[i] ? n : n + f.size), 0);
  const pool = bytesToHash > 16 << 20 ? new HashPool() : null;
  const hashOne = (abs: string) => (pool ? pool.hash(abs) : hashFile(abs));
  // Leaf hashes come from the cache with the digests; only new or changed files need theirs.
  const leaves = Buffer.alloc(files.length * 32);
  const worker = async () => {
    while (next < files.length) {
      const i = next++;
      const f = files[i];
      let digest = cached[i];
      if (!digest) {
        const d = await hashOne(f.abs);
        digest = { size: d.size, mtimeMs: f.mtimeMs, ino: f.ino, sha256: d.sha256, md5: d.md5 };
        hashed++;
      }
      entries[i] = { path: f.path, size: digest.size, sha256: digest.sha256, md5: digest.md5 };
      if (!digest.leaf) {
        digest = { ...digest, leaf: leafHash(leafOf(entries[i])).toString('hex') };
        cache?.remember(f.abs, digest);
      }
      leaves.write(digest.leaf!, i * 32, 'hex');
    }
  };
  try {
    await Promise.all(Array.from({ length: options.concurrency ?? (pool ? pool.size * 2 : 8) }, worker));
  } finally {
    await pool?.close();
  }
  const { tree, nodesHashed } = MerkleLevels.over(leaves, cache?.tree);
  await cache?.save(new Set(files.map((f) => f.abs)), tree);
  const merkle = `sha256:${tree.root().toString('hex')}`;
  return { entries, root: merkle, hashed, fromCache: files.length - hashed, nodesHashed };
}
