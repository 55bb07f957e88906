import { hashFile } from './file-digests';
import { HashPool } from './hash-pool';
import { HashCache } from './hash-cache';
import type { ManifestEntry } from './manifest';
import { scanFiles } from './scan';

export interface BuildOptions {
  /** Use and update the stat cache (default true); `false` re-hashes everything (verify). */
  cache?: boolean;
  cacheDir?: string;
  /** Files hashed at once (default 8): enough to keep the disk and the hash threads busy. */
  concurrency?: number;
}

export interface BuiltManifest {
  entries: ManifestEntry[];
  hashed: number;
  fromCache: number;
}

/** The manifest of a file or directory: only files whose stat changed are read and hashed. */
export async function buildManifest(root: string, options: BuildOptions = {}): Promise<BuiltManifest> {
  const files = await scanFiles(root);
  const cache = options.cache === false ? null : await HashCache.open(root, options.cacheDir);
  const entries: ManifestEntry[] = new Array(files.length);
  let hashed = 0;
  let next = 0;
  // Threads pay off once there is real content to hash; a few small files hash faster inline.
  const cached = files.map((f) => cache?.lookup(f.abs, f));
  const bytesToHash = files.reduce((n, f, i) => (cached[i] ? n : n + f.size), 0);
  const pool = bytesToHash > 16 << 20 ? new HashPool() : null;
  const hashOne = (abs: string) => (pool ? pool.hash(abs) : hashFile(abs));
  const worker = async () => {
    while (next < files.length) {
      const i = next++;
      const f = files[i];
      let digest = cached[i];
      if (!digest) {
        const d = await hashOne(f.abs);
        digest = { size: d.size, mtimeMs: f.mtimeMs, ino: f.ino, sha256: d.sha256, md5: d.md5 };
        cache?.remember(f.abs, digest);
        hashed++;
      }
      entries[i] = { path: f.path, size: digest.size, sha256: digest.sha256, md5: digest.md5 };
    }
  };
  try {
    await Promise.all(Array.from({ length: options.concurrency ?? (pool ? pool.size * 2 : 8) }, worker));
  } finally {
    await pool?.close();
  }
  await cache?.save(new Set(files.map((f) => f.abs)));
  return { entries, hashed, fromCache: files.length - hashed };
}
