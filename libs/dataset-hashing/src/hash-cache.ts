import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export interface CachedDigest {
  size: number;
  mtimeMs: number;
  ino: number;
  sha256: string;
  md5: string;
}

/** The default cache folder: `$XDG_CACHE_HOME/provenant/hashes` (DVC keeps its state DB in the site cache too). */
export const defaultCacheDir = (env: NodeJS.ProcessEnv = process.env) =>
  join(env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'provenant', 'hashes');

/**
 * Digests of files already hashed, keyed by absolute path and trusted while size, mtime and inode
 * are unchanged (DVC's state DB rule), so an unchanged re-add only stats.
 */
export class HashCache {
  private constructor(
    private readonly file: string,
    private readonly entries: Map<string, CachedDigest>,
  ) {}

  static async open(root: string, dir = defaultCacheDir()): Promise<HashCache> {
    const file = join(dir, `${createHash('sha256').update(resolve(root)).digest('hex').slice(0, 32)}.json`);
    const loaded = await readFile(file, 'utf8').then(
      (t) => Object.entries(JSON.parse(t) as Record<string, CachedDigest>),
      () => [] as [string, CachedDigest][],
    );
    return new HashCache(file, new Map(loaded));
  }

  lookup(abs: string, st: { size: number; mtimeMs: number; ino: number }): CachedDigest | undefined {
    const hit = this.entries.get(abs);
    return hit && hit.size === st.size && hit.mtimeMs === st.mtimeMs && hit.ino === st.ino ? hit : undefined;
  }

  private dirty = false;

  remember(abs: string, digest: CachedDigest): void {
    this.entries.set(abs, digest);
    this.dirty = true;
  }

  /** Written atomically (temp file + rename), so a crash never leaves a half cache. */
  async save(keep: Set<string>): Promise<void> {
    for (const key of this.entries.keys())
      if (!keep.has(key)) {
        this.entries.delete(key);
        this.dirty = true;
      }
    if (!this.dirty) return; // an unchanged re-add only reads the cache
    await mkdir(join(this.file, '..'), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify(Object.fromEntries(this.entries)));
    await rename(tmp, this.file);
  }
}
